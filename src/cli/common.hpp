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
  std::string compiled;      // --compiled: a snapshot in place of the policy argument
  std::string snapshot_key;  // --snapshot-key: the file holding the key snapshots are signed with
};

// --root, --allow-absolute, --snapshot-key, and --compiled unless the verb
// names its snapshots otherwise (diff).
void AddLoadFlags(CLI::App& app, LoadFlags& flags, bool compiled_option = true);

// A secret kept in a file (a token, a key): its bytes less trailing
// whitespace (the newline an editor or `echo` leaves); throws UsageError
// naming `flag` when the file cannot be read or holds nothing.
std::string ReadSecretFile(const std::string& path, const std::string& flag);

// The options the flags ask for; throws UsageError when the key file cannot
// be read.
LoadOptions MakeLoadOptions(const LoadFlags& flags);

// The policy argument or --compiled (exactly one of them; `compiled` is
// checked to be a snapshot), or throws UsageError.
std::string PolicyPath(const std::string& positional, const std::string& compiled,
                       const std::string& what = "policy");

// Loads the policy (a snapshot when the file is one) or throws UsageError
// with every diagnostic. `path` is the policy argument; flags.compiled may
// stand in for it.
Policy LoadOrFail(const std::string& path, const LoadFlags& flags);
// The same for a path already chosen by PolicyPath.
Policy LoadPathOrFail(const std::string& path, const LoadFlags& flags);

// --date, or today (UTC); throws UsageError on a bad date.
Date AsOfDate(const std::string& text, const std::string& flag = "--date");

}  // namespace clearance::cli
