// A DiffReport in each format of `clearance diff --format`. The policies
// are the two the report compared: they give the group names that value
// lists fold into (the old policy's) and the rules' because/cite/source.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "clearance/diff.hpp"

namespace clearance::report {

// For a terminal: summary first (queries compared, changed, by transition),
// then each region with folded value lists.
std::string DiffText(const DiffReport& report, const Policy& old_policy, const Policy& new_policy);
// For a review: summary tables, the regions, the decisive rules.
std::string DiffMarkdown(const DiffReport& report, const Policy& old_policy, const Policy& new_policy);
// docs/cli.md's shape: old, new, date (to_date), queries, changed, regions,
// only_old, only_new.
nlohmann::ordered_json DiffJson(const DiffReport& report);
// One row per changed query, ordered by its values (each dimension in the
// old policy's declaration order): dimensions..., from, to, old_decisive,
// new_decisive (rule lists joined by ';').
void WriteDiffCsv(const DiffReport& report, std::ostream& out);
// One self-contained page: summary, heat map, regions with their rules.
std::string DiffHtml(const DiffReport& report, const Policy& old_policy, const Policy& new_policy);

}  // namespace clearance::report
