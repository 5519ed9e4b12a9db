// What every verb shares: exit codes, loading a policy with its errors on
// stderr, the as-of date.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "clearance/policy.hpp"

namespace CLI { class App; }

namespace clearance::cli {

enum ExitCode : int { kPositive = 0, kNegative = 1, kError = 2 };

// Thrown inside a verb to leave with exit code 2 and a message on stderr.
struct UsageError {
  std::string message;
};

struct LoadFlags {
  std::string root;  // --root: confine policy files to this folder
  bool allow_absolute = false;
};

void AddLoadFlags(CLI::App& app, LoadFlags& flags);

// Loads the policy or throws UsageError with every diagnostic.
Policy LoadOrFail(const std::string& path, const LoadFlags& flags);

// --date, or today (UTC); throws UsageError on a bad date.
Date AsOfDate(const std::string& text, const std::string& flag = "--date");

}  // namespace clearance::cli
