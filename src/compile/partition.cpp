#include "compile/partition.hpp"

#include <algorithm>

namespace clearance::compile {

namespace {

void CollectTests(const resolve::Cond& cond, std::vector<std::vector<const resolve::ValueSet*>>& out) {
  if (cond.kind == resolve::Cond::Kind::kTest) {
    for (const resolve::ValueSet& piece : cond.set.pieces()) out[cond.dim].push_back(&piece);
  }
  for (const resolve::Cond& child : cond.children) CollectTests(child, out);
}

// Partition refinement: each set splits every class it cuts into the part
// inside and the part outside. Only the set's own bits are visited, so a
// test naming one model costs one step however many models there are.
DimPartition Refine(std::size_t value_count, const std::vector<const resolve::ValueSet*>& sets) {
  std::vector<std::uint32_t> cls(value_count, 0);
  std::vector<std::uint32_t> moved_to{0};
  std::vector<std::uint32_t> stamp{0};
  std::uint32_t next = 1;
  for (std::uint32_t s = 0; s < sets.size(); ++s) {
    const resolve::ValueSet& set = *sets[s];
    for (auto v = set.find_first(); v != resolve::ValueSet::npos; v = set.find_next(v)) {
      const std::uint32_t c = cls[v];
      if (stamp[c] != s + 1) {
        stamp[c] = s + 1;
        moved_to[c] = next++;
        stamp.push_back(0);
        moved_to.push_back(0);
      }
      cls[v] = moved_to[c];
    }
  }
  // Renumber by first value; ids left empty by a class moving whole vanish.
  DimPartition out;
  out.class_of.resize(value_count);
  std::vector<std::uint32_t> renumber(next, UINT32_MAX);
  for (std::uint32_t v = 0; v < value_count; ++v) {
    std::uint32_t& id = renumber[cls[v]];
    if (id == UINT32_MAX) {
      id = static_cast<std::uint32_t>(out.representative.size());
      out.representative.push_back(v);
    }
    out.class_of[v] = id;
  }
  return out;
}

}  // namespace

std::uint32_t Partition::IntervalOf(Date date) const noexcept {
  return static_cast<std::uint32_t>(std::upper_bound(cuts.begin(), cuts.end(), date) - cuts.begin());
}

Date Partition::IntervalStart(std::uint32_t interval) const {
  if (interval > 0) return cuts[interval - 1];
  if (cuts.empty() || Date::Min() < cuts[0]) return Date::Min();
  return Date::FromDays(cuts[0].days() - 1);
}

Partition ComputePartition(const resolve::ResolvedPolicy& policy) {
  std::vector<std::vector<const resolve::ValueSet*>> tests(policy.dims.size());
  Partition out;
  for (const resolve::Rule& rule : policy.rules) {
    CollectTests(rule.when, tests);
    if (rule.info.effective) out.cuts.push_back(*rule.info.effective);
    if (rule.info.expires) out.cuts.push_back(*rule.info.expires);
  }
  out.cuts.insert(out.cuts.end(), policy.member_bounds.begin(), policy.member_bounds.end());
  std::sort(out.cuts.begin(), out.cuts.end());
  out.cuts.erase(std::unique(out.cuts.begin(), out.cuts.end()), out.cuts.end());
  for (std::size_t d = 0; d < policy.dims.size(); ++d) {
    out.dims.push_back(Refine(policy.dims[d].size(), tests[d]));
  }
  return out;
}

std::vector<std::uint32_t> ClassesIn(const DimPartition& dim, const resolve::ValueSet& set) {
  std::vector<std::uint32_t> classes;
  for (auto v = set.find_first(); v != resolve::ValueSet::npos; v = set.find_next(v)) {
    classes.push_back(dim.class_of[v]);
  }
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
  return classes;
}

}  // namespace clearance::compile
