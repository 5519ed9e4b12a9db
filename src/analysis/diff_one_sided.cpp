#include "analysis/diff_one_sided.hpp"

#include "analysis/effect_count.hpp"

namespace clearance::analysis {

OneSidedQueries CountOneSided(const resolve::ResolvedPolicy& side, const compile::DecisionGraph& graph,
                              const DiffSpace& space, bool old_side,
                              const std::vector<std::pair<std::uint32_t, std::uint64_t>>& intervals) {
  const auto& shared_of = old_side ? space.shared_of_old : space.shared_of_new;
  const auto& fixed = old_side ? space.fixed_old : space.fixed_new;
  std::vector<std::vector<bool>> everything, compared;
  bool any_one_sided = false;
  for (std::uint32_t d = 0; d < side.dims.size(); ++d) {
    everything.emplace_back(side.dims[d].size(), true);
    std::vector<bool> in(side.dims[d].size(), false);
    if (shared_of[d] == kNone) {
      in[fixed[d]] = true;
    } else {
      const SharedDim& s = space.shared[shared_of[d]];
      for (std::uint32_t c = 0; c < s.size(); ++c) in[old_side ? s.old_value[c] : s.new_value[c]] = true;
    }
    any_one_sided = any_one_sided || in != everything.back();
    compared.push_back(std::move(in));
  }
  OneSidedQueries out;
  if (!any_one_sided) return out;
  for (const auto& [interval, times] : intervals) {
    const EffectCounts all = CountEffects(graph, everything, interval);
    const EffectCounts part = CountEffects(graph, compared, interval);
    out.allow = SaturatingAdd(out.allow, SaturatingMul(times, all.allow - part.allow));
    out.deny = SaturatingAdd(out.deny, SaturatingMul(times, all.deny - part.deny));
  }
  out.queries = SaturatingAdd(out.allow, out.deny);
  return out;
}

}  // namespace clearance::analysis
