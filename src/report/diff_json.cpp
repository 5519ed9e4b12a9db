// `clearance diff --format json`: exactly the shape of docs/cli.md "Diff regions",
// plus "to_date" after "date" when the new policy is evaluated on another day,
// and "names" at the end of a region whose values have display names.
#include <algorithm>

#include "report/diff_common.hpp"
#include "report/diff_render.hpp"

namespace clearance::report {

namespace {

using Json = nlohmann::ordered_json;

Json ByDimension(const ValuesByDimension& lists) {
  Json out = Json::object();
  for (const auto& [dim, values] : lists) out[dim] = values;
  return out;
}

// Display names of the region's values, per dimension that has any: an
// addition to docs/cli.md's shape, left out when no value has a name.
Json NamesJson(const DiffReport& report, const DiffRegion& r) {
  Json out = Json::object();
  for (std::size_t d = 0; d < report.dimensions.size() && d < report.compared_names.size(); ++d) {
    const auto& all = report.compared_values[d];
    Json names = Json::object();
    for (const std::string& v : r.values[d]) {
      const auto at = static_cast<std::size_t>(std::find(all.begin(), all.end(), v) - all.begin());
      if (at < all.size() && !report.compared_names[d][at].empty()) names[v] = report.compared_names[d][at];
    }
    if (!names.empty()) out[report.dimensions[d]] = std::move(names);
  }
  return out;
}

Json RegionJson(const DiffReport& report, const DiffRegion& r) {
  Json values = Json::object();
  for (std::size_t d = 0; d < report.dimensions.size(); ++d) values[report.dimensions[d]] = r.values[d];
  Json out{
      {"from", ToString(r.from)},    {"to", ToString(r.to)},           {"count", r.count},
      {"values", std::move(values)}, {"old_decisive", r.old_decisive}, {"new_decisive", r.new_decisive},
      {"old_outcomes", r.old_outcomes}, {"new_outcomes", r.new_outcomes},
      {"old_obligations", r.old_obligations}, {"new_obligations", r.new_obligations}};
  Json names = NamesJson(report, r);
  if (!names.empty()) out["names"] = std::move(names);
  if (report.all_dates) {
    const auto day = [](const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); };
    Json dates{{"from", day(r.dates_from)}, {"to", day(r.dates_to)}};
    // After "values": a region is a product of value sets and a date range.
    Json ordered;
    for (auto& [key, value] : out.items()) {
      ordered[key] = value;
      if (key == "values") ordered["dates"] = dates;
    }
    return ordered;
  }
  return out;
}

}  // namespace

nlohmann::ordered_json DiffJson(const DiffReport& report) {
  Json out;
  out["old"] = {{"name", report.old_policy.name}, {"digest", report.old_policy.digest}};
  out["new"] = {{"name", report.new_policy.name}, {"digest", report.new_policy.digest}};
  if (report.all_dates) {
    out["date"] = nullptr;
    out["intervals"] = report.intervals;
  } else {
    out["date"] = report.date.ToString();
    if (report.to_date) out["to_date"] = report.to_date->ToString();
  }
  out["by"] = ByName(report.by);
  out["queries"] = report.queries;
  out["changed"] = report.changed;
  out["regions"] = Json::array();
  for (const DiffRegion& r : report.regions) out["regions"].push_back(RegionJson(report, r));
  out["only_old"] = ByDimension(report.only_old);
  out["only_new"] = ByDimension(report.only_new);
  const auto added = [](const OneSidedQueries& q) {
    return Json{{"queries", q.queries}, {"allow", q.allow}, {"deny", q.deny}};
  };
  out["only_old_queries"] = added(report.old_only_queries);
  out["only_new_queries"] = added(report.new_only_queries);
  return out;
}

}  // namespace clearance::report
