#include "eval/domain.hpp"

#include <algorithm>
#include <limits>

namespace clearance::eval {

std::vector<DateInterval> DateIntervals(const resolve::ResolvedPolicy& policy, Date fallback) {
  std::vector<Date> cuts;
  for (const resolve::Rule& r : policy.rules) {
    if (r.info.effective) cuts.push_back(*r.info.effective);
    if (r.info.expires) cuts.push_back(*r.info.expires);
  }
  cuts.insert(cuts.end(), policy.member_bounds.begin(), policy.member_bounds.end());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  if (cuts.empty()) return {{std::nullopt, std::nullopt, fallback}};
  std::vector<DateInterval> out;
  out.push_back({std::nullopt, cuts.front(), Date::FromDays(cuts.front().days() - 1)});
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    std::optional<Date> end;
    if (i + 1 < cuts.size()) end = cuts[i + 1];
    out.push_back({cuts[i], end, cuts[i]});
  }
  return out;
}

std::size_t DomainSize(const resolve::ResolvedPolicy& policy, std::size_t intervals) {
  std::size_t size = intervals;
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  for (const resolve::Dimension& d : policy.dims) {
    if (d.size() != 0 && size > kMax / d.size()) return kMax;
    size *= d.size();
  }
  return size;
}

void ForEachQuery(const resolve::ResolvedPolicy& policy, const std::vector<DateInterval>& intervals,
                  const std::function<bool(const Query&)>& fn) {
  for (const resolve::Dimension& d : policy.dims) {
    if (d.size() == 0) return;
  }
  Query q;
  q.values.assign(policy.dims.size(), 0);
  for (const DateInterval& interval : intervals) {
    q.date = interval.representative;
    std::fill(q.values.begin(), q.values.end(), 0);
    while (true) {
      if (!fn(q)) return;
      std::size_t d = 0;
      for (; d < q.values.size(); ++d) {
        if (++q.values[d] < policy.dims[d].size()) break;
        q.values[d] = 0;
      }
      if (d == q.values.size()) break;
    }
  }
}

std::string DescribeValues(const resolve::ResolvedPolicy& policy, const Query& query) {
  std::string out;
  for (std::size_t d = 0; d < policy.dims.size(); ++d) {
    if (d > 0) out += ", ";
    out += policy.dims[d].info.name + '=' + policy.dims[d].info.values[query.values[d]];
  }
  return out;
}

}  // namespace clearance::eval
