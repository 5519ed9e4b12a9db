// A ReplayReport in each format of `clearance replay --format`.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/replay.hpp"

namespace clearance::report {

// Summary, then each group of changed decisions, the undecidable records
// and the bad lines, each with its line number.
std::string ReplayText(const analysis::ReplayReport& report, const std::string& log_name);
// {"log", "policy", "by", "lines", "records", "decided", "changed",
//  "unchanged", "undecidable", "bad_lines", "recorded_policies", "groups",
//  "undecidable_records", "bad"}.
nlohmann::ordered_json ReplayJson(const analysis::ReplayReport& report, const std::string& log_name);
// One row per group of changed decisions, per undecidable record and per
// bad line: kind,line,id,from,to,count,old_decisive,new_decisive,
// old_outcomes,new_outcomes,old_obligations,new_obligations,error.
void WriteReplayCsv(const analysis::ReplayReport& report, std::ostream& out);
// One self-contained page.
std::string ReplayHtml(const analysis::ReplayReport& report, const std::string& log_name);

}  // namespace clearance::report
