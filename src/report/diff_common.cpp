#include "report/diff_common.hpp"

#include "base/strings.hpp"

#include <map>

#include <algorithm>
#include <boost/dynamic_bitset.hpp>
#include <numeric>

namespace clearance::report {

std::vector<FoldedItem> FoldValues(const Policy& policy, std::string_view dimension,
                                   const std::vector<std::string>& values, bool allow_any) {
  std::vector<FoldedItem> out;
  const auto d = policy.FindDimension(dimension);
  if (!d) {  // not a dimension of this policy: nothing to fold by
    for (const std::string& v : values) out.push_back({v, 1, false, ""});
    return out;
  }
  const DimensionInfo& dim = policy.dimensions()[*d];
  boost::dynamic_bitset<> in(dim.values.size());
  for (const std::string& v : values) {
    if (auto index = policy.FindValue(*d, v)) in.set(*index);
  }
  if (allow_any && in.count() == dim.values.size() && !values.empty()) return {{"any", values.size(), true, ""}};
  // Largest groups first; equal sizes in declaration order.
  std::vector<std::size_t> order(dim.groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return dim.groups[a].members.size() > dim.groups[b].members.size();
  });
  boost::dynamic_bitset<> covered(dim.values.size());
  for (std::size_t g : order) {
    const GroupInfo& group = dim.groups[g];
    if (group.members.size() < 2) break;
    if (!group.cuts.empty()) continue;  // dated members: no one set to fold into
    const bool whole = std::all_of(group.members.begin(), group.members.end(),
                                   [&](std::uint32_t m) { return in.test(m) && !covered.test(m); });
    if (!whole) continue;
    for (std::uint32_t m : group.members) covered.set(m);
    out.push_back({group.name, group.members.size(), true, ""});
  }
  for (const std::string& v : values) {
    const auto index = policy.FindValue(*d, v);
    if (!index) {
      out.push_back({v, 1, false, ""});
    } else if (!covered.test(*index)) {
      out.push_back({v, 1, false, *index < dim.value_names.size() ? dim.value_names[*index] : ""});
    }
  }
  return out;
}

std::string ValueLabel(const Policy& policy, std::string_view dimension, const std::string& value) {
  const auto d = policy.FindDimension(dimension);
  if (!d) return value;
  const auto v = policy.FindValue(*d, value);
  return v ? policy.dimensions()[*d].Labelled(*v) : value;
}

std::string DescribeFolded(const std::vector<FoldedItem>& items, std::size_t max_items, bool names) {
  std::string out;
  std::size_t rest = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i >= max_items) {
      rest += items[i].size;
      continue;
    }
    if (i > 0) out += ", ";
    out += items[i].name;
    if (items[i].group) out += " (" + std::to_string(items[i].size) + ")";
    if (names && !items[i].display.empty()) out += " (" + items[i].display + ")";
  }
  if (rest > 0) out += ", … " + std::to_string(rest) + " more";
  return out;
}

std::vector<TransitionTotal> TotalsByTransition(const DiffReport& report) {
  std::vector<TransitionTotal> out;
  for (const DiffRegion& r : report.regions) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const TransitionTotal& t) { return t.from == r.from && t.to == r.to; });
    if (it == out.end()) it = out.insert(out.end(), {r.from, r.to, 0, 0});
    it->queries += r.count;
    ++it->regions;
  }
  return out;
}

std::string TransitionText(Effect from, Effect to) {
  return std::string(ToString(from)) + " → " + std::string(ToString(to));
}

namespace {

struct ByNames {
  std::string_view name;  // --by and JSON
  std::string_view text;  // what it counts, for people
};

ByNames NamesOf(DiffBy by) {
  switch (by) {
    case DiffBy::kEffect:
      return {"effect", "effect"};
    case DiffBy::kOutcome:
      return {"outcome", "effect, outcomes or obligations"};
    case DiffBy::kDecisive:
      return {"decisive", "effect, decisive rules or their justification"};
  }
  return {};
}

}  // namespace

std::string ByText(DiffBy by) { return std::string(NamesOf(by).text); }

std::string_view ByName(DiffBy by) { return NamesOf(by).name; }

std::string OneSidedText(const OneSidedQueries& q) {
  if (q.queries == 0) return "adds no query";
  return "adds " + std::to_string(q.queries) + (q.queries == 1 ? " query" : " queries") +
         ", decided there: " + std::to_string(q.allow) + " allow, " + std::to_string(q.deny) + " deny";
}

bool HasNotCompared(const DiffReport& r) {
  return r.HasOneSidedValues() || !r.fixed_old.empty() || !r.fixed_new.empty();
}

std::string DateRangeText(const DiffRegion& region) {
  if (!region.dates_from && !region.dates_to) return "every date";
  if (!region.dates_from) return "before " + region.dates_to->ToString();
  if (!region.dates_to) return "from " + region.dates_from->ToString();
  return "from " + region.dates_from->ToString() + " before " + region.dates_to->ToString();
}

std::vector<TimelineStep> Timeline(const DiffReport& report) {
  std::map<Date, TimelineStep> steps;
  for (std::size_t i = 0; i < report.regions.size(); ++i) {
    const DiffRegion& r = report.regions[i];
    if (r.dates_from) {
      TimelineStep& s = steps[*r.dates_from];
      s.date = *r.dates_from;
      s.starting.push_back(i + 1);
    }
    if (r.dates_to) {
      TimelineStep& s = steps[*r.dates_to];
      s.date = *r.dates_to;
      s.ending.push_back(i + 1);
    }
  }
  std::vector<TimelineStep> out;
  for (auto& [date, step] : steps) out.push_back(std::move(step));
  return out;
}

std::string NumberList(const std::vector<std::size_t>& numbers) {
  std::string out;
  for (std::size_t n : numbers) out += (out.empty() ? "" : ", ") + std::to_string(n);
  return out;
}

std::string JoinOr(const std::vector<std::string>& items, std::string_view separator, std::string_view none) {
  return items.empty() ? std::string(none) : Join(items, separator);
}

std::string RuleSource(const RuleInfo& rule) {
  if (rule.where.file.empty()) return "";
  return rule.where.file + ":" + std::to_string(rule.where.line);
}

HeatAxes ChooseHeatAxes(const std::vector<std::string>& dimensions) {
  HeatAxes axes;
  const auto find = [&](std::string_view name) {
    const auto it = std::find(dimensions.begin(), dimensions.end(), name);
    return it == dimensions.end() ? SIZE_MAX : static_cast<std::size_t>(it - dimensions.begin());
  };
  axes.rows = find("country");
  axes.cols = find("use");
  if (axes.rows != SIZE_MAX && axes.cols != SIZE_MAX) return axes;
  axes = {};
  if (!dimensions.empty()) axes.rows = 0;
  if (dimensions.size() > 1) axes.cols = 1;
  return axes;
}

}  // namespace clearance::report
