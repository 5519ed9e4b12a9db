// Replay: recorded decisions (the JSON lines `clearance batch` and `check
// --format json` write, or a `serve` decision log) decided again under a
// policy, each on its recorded date; what would change, grouped like diff
// regions, with bad and undecidable lines reported, never dropped.
//
//   auto r = clearance::ReplayLog(log_text, *policy, {});
//   std::cout << r.output;
//   return r.differs ? 1 : 0;
#pragma once

#include <string>
#include <string_view>

#include "clearance/diff.hpp"
#include "clearance/policy.hpp"

namespace clearance {

enum class ReplayFormat : std::uint8_t { kText, kJson, kCsv, kHtml };

struct ReplayOptions {
  DiffBy by = DiffBy::kOutcome;  // what counts as a changed decision, as for diff
  ReplayFormat format = ReplayFormat::kText;
  std::string log_name;          // how reports name the log
};

struct ReplayResult {
  std::string output;    // the report in options.format
  bool differs = false;  // some decision changes, or some record cannot be decided
};

ReplayResult ReplayLog(std::string_view log, const Policy& policy, const ReplayOptions& options = {});

}  // namespace clearance
