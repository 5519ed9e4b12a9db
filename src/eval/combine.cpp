#include "eval/combine.hpp"

#include <algorithm>

namespace clearance::eval {

std::vector<std::uint32_t> OverriddenBy(const resolve::ResolvedPolicy& policy, std::uint32_t rule,
                                        std::span<const std::uint32_t> matching) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t winner : policy.rules[rule].overridden_by) {
    if (std::binary_search(matching.begin(), matching.end(), winner)) out.push_back(winner);
  }
  return out;
}

namespace {

bool IsOverridden(const resolve::ResolvedPolicy& policy, std::uint32_t rule,
                  std::span<const std::uint32_t> matching) {
  for (std::uint32_t winner : policy.rules[rule].overridden_by) {
    if (std::binary_search(matching.begin(), matching.end(), winner)) return true;
  }
  return false;
}

}  // namespace

Outcome CombineMatches(const resolve::ResolvedPolicy& policy, std::span<const std::uint32_t> matching) {
  Outcome out;
  if (matching.empty()) {
    out.effect = policy.default_effect;
    out.basis = Basis::kDefault;
    return out;
  }
  out.basis = Basis::kRule;
  std::vector<std::uint32_t> effective;
  for (std::uint32_t rule : matching) {
    (IsOverridden(policy, rule, matching) ? out.overridden : effective).push_back(rule);
  }
  const auto effect_of = [&](std::uint32_t rule) { return policy.rules[rule].info.effect; };
  const bool all_same = std::all_of(effective.begin(), effective.end(),
                                    [&](std::uint32_t r) { return effect_of(r) == effect_of(effective[0]); });
  if (all_same) {
    out.effect = effect_of(effective[0]);
    out.decisive = std::move(effective);
    return out;
  }
  out.conflict = policy.combine == Combine::kStrict;
  out.effect = policy.combine == Combine::kAllowOverrides ? Effect::kAllow : Effect::kDeny;
  for (std::uint32_t rule : effective) {
    (effect_of(rule) == out.effect ? out.decisive : out.outvoted).push_back(rule);
  }
  return out;
}

}  // namespace clearance::eval
