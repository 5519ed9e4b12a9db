#include "report/decision_text.hpp"

#include <algorithm>

namespace clearance::report {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

// "model=fable-5, country=DE (Germany), date=2027-01-01": values with their
// display names; a policy without dimensions shows the date alone.
std::string QueryLine(const Policy& policy, const Query& query) {
  std::string out;
  const auto& dims = policy.dimensions();
  for (std::size_t d = 0; d < dims.size(); ++d) out += dims[d].name + '=' + dims[d].Labelled(query.values[d]) + ", ";
  return out + "date=" + query.date.ToString();
}

// "model in frontier (fable-5) and country in tier-1 (DE)"; "always" for a
// condition that tests nothing.
std::string WhyText(const std::vector<Reason>& why) {
  if (why.empty()) return "always (the rule tests no dimension)";
  std::string out;
  for (std::size_t i = 0; i < why.size(); ++i) {
    out += (i ? " and " : "") + why[i].test + " (";
    for (std::size_t v = 0; v < why[i].values.size(); ++v) out += (v ? ", " : "") + why[i].values[v];
    out += ')';
  }
  return out;
}

void RuleBlock(std::string& out, const Policy& policy, const TraceEntry& e) {
  out += "  " + e.rule + " (" + std::string(ToString(e.effect)) + ")  " + e.source + '\n';
  if (e.status == RuleStatus::kDecisive || e.status == RuleStatus::kOverridden ||
      e.status == RuleStatus::kOutvoted) {
    out += "    why:     " + WhyText(e.why) + '\n';
  }
  if (!e.because.empty()) out += "    because: " + e.because + '\n';
  if (!e.cite.empty()) out += "    cite:    " + e.cite + '\n';
  if (e.status == RuleStatus::kDecisive) {
    if (auto r = policy.FindRule(e.rule); r && !policy.rules()[*r].outcome.empty()) {
      out += "    outcome: " + policy.rules()[*r].outcome + '\n';
    }
  }
  if (!e.overridden_by.empty()) {
    out += "    overridden by: ";
    for (std::size_t i = 0; i < e.overridden_by.size(); ++i) out += (i ? ", " : "") + e.overridden_by[i];
    out += '\n';
  }
  if (!e.detail.empty()) {
    out += e.status == RuleStatus::kNotMatched ? "    failed test: " + e.detail + '\n' : "    " + e.detail + '\n';
  }
}

void Section(std::string& out, const Policy& policy, const Decision& d, RuleStatus status,
             std::string_view title) {
  bool first = true;
  for (const TraceEntry& e : d.trace) {
    if (e.status != status) continue;
    if (first) out += std::string(title) + ":\n";
    first = false;
    RuleBlock(out, policy, e);
  }
}

}  // namespace

std::string DecisionText(const Policy& policy, const Query& query, const Decision& d) {
  std::string out = Upper(ToString(d.effect)) + "  " + QueryLine(policy, query) + '\n';
  out += "policy " + policy.name() + "  " + policy.digest() + '\n';
  if (d.basis == Basis::kDefault) {
    out += "\nno rule matched: the policy's default is " + std::string(ToString(policy.default_effect())) + '\n';
  } else {
    out += '\n';
    Section(out, policy, d, RuleStatus::kDecisive, "decided by");
  }
  if (!d.outcomes.empty()) {
    out += "outcomes:";
    for (const auto& o : d.outcomes) out += ' ' + o;
    out += '\n';
  }
  if (!d.obligations.empty()) {
    out += "obligations:\n";
    for (const auto& o : d.obligations) out += "  - " + o + '\n';
  }
  Section(out, policy, d, RuleStatus::kOverridden, "overridden");
  Section(out, policy, d, RuleStatus::kOutvoted, "outvoted");
  Section(out, policy, d, RuleStatus::kNotMatched, "not matched");
  Section(out, policy, d, RuleStatus::kInactive, "inactive");
  return out;
}

}  // namespace clearance::report
