// `clearance diff --format json`: exactly the shape of CLI.md "Diff regions",
// plus "to_date" after "date" when the new policy is evaluated on another day.
#include "report/diff_render.hpp"

namespace clearance::report {

namespace {

using Json = nlohmann::ordered_json;

Json ByDimension(const ValuesByDimension& lists) {
  Json out = Json::object();
  for (const auto& [dim, values] : lists) out[dim] = values;
  return out;
}

Json RegionJson(const DiffReport& report, const DiffRegion& r) {
  Json values = Json::object();
  for (std::size_t d = 0; d < report.dimensions.size(); ++d) values[report.dimensions[d]] = r.values[d];
  return Json{
      {"from", ToString(r.from)},    {"to", ToString(r.to)},           {"count", r.count},
      {"values", std::move(values)}, {"old_decisive", r.old_decisive}, {"new_decisive", r.new_decisive}};
}

}  // namespace

nlohmann::ordered_json DiffJson(const DiffReport& report) {
  Json out;
  out["old"] = {{"name", report.old_policy.name}, {"digest", report.old_policy.digest}};
  out["new"] = {{"name", report.new_policy.name}, {"digest", report.new_policy.digest}};
  out["date"] = report.date.ToString();
  if (report.to_date) out["to_date"] = report.to_date->ToString();
  out["queries"] = report.queries;
  out["changed"] = report.changed;
  out["regions"] = Json::array();
  for (const DiffRegion& r : report.regions) out["regions"].push_back(RegionJson(report, r));
  out["only_old"] = ByDimension(report.only_old);
  out["only_new"] = ByDimension(report.only_new);
  return out;
}

}  // namespace clearance::report
