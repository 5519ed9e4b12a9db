#include "clearance/decision.hpp"

namespace clearance {

std::string_view ToString(Effect effect) { return effect == Effect::kAllow ? "allow" : "deny"; }

std::string_view ToString(Basis basis) { return basis == Basis::kRule ? "rule" : "default"; }

std::string_view ToString(Combine combine) {
  switch (combine) {
    case Combine::kDenyOverrides: return "deny-overrides";
    case Combine::kAllowOverrides: return "allow-overrides";
    case Combine::kStrict: return "strict";
  }
  return "deny-overrides";
}

std::string_view ToString(RuleStatus status) {
  switch (status) {
    case RuleStatus::kDecisive: return "decisive";
    case RuleStatus::kOverridden: return "overridden";
    case RuleStatus::kOutvoted: return "outvoted";
    case RuleStatus::kNotMatched: return "not-matched";
    case RuleStatus::kInactive: return "inactive";
  }
  return "decisive";
}

}  // namespace clearance
