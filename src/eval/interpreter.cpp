#include "eval/interpreter.hpp"

#include <algorithm>

#include "eval/why.hpp"

namespace clearance::eval {

using Kind = resolve::Cond::Kind;

bool Holds(const resolve::Cond& c, const Query& q) {
  switch (c.kind) {
    case Kind::kTrue: return true;
    case Kind::kFalse: return false;
    case Kind::kTest: return c.set.test(q.values[c.dim], q.date);
    case Kind::kNot: return !Holds(c.children[0], q);
    case Kind::kAnd:
      return std::all_of(c.children.begin(), c.children.end(), [&](const auto& x) { return Holds(x, q); });
    case Kind::kOr:
      return std::any_of(c.children.begin(), c.children.end(), [&](const auto& x) { return Holds(x, q); });
  }
  return false;
}

std::string FailingTest(const resolve::Cond& c, const Query& q) {
  if (Holds(c, q)) return {};
  switch (c.kind) {
    case Kind::kAnd:
      for (const auto& child : c.children) {
        if (!Holds(child, q)) return FailingTest(child, q);
      }
      break;
    case Kind::kOr:
      return FailingTest(c.children.front(), q);
    default:
      break;
  }
  return c.text;
}

std::vector<std::uint32_t> MatchingRules(const resolve::ResolvedPolicy& policy, const Query& query) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    const resolve::Rule& rule = policy.rules[r];
    if (rule.ActiveOn(query.date) && Holds(rule.when, query)) out.push_back(r);
  }
  return out;
}

namespace {

void AddOnce(std::vector<std::string>& list, const std::string& item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

TraceEntry Entry(const resolve::ResolvedPolicy& policy, std::uint32_t r, RuleStatus status) {
  const RuleInfo& info = policy.rules[r].info;
  TraceEntry e;
  e.rule = info.id;
  e.effect = info.effect;
  e.status = status;
  e.source = info.where.file + ':' + std::to_string(info.where.line);
  e.because = info.because;
  e.cite = info.cite;
  return e;
}

std::string InactiveBound(const resolve::Rule& rule, Date date) {
  if (rule.info.effective && date < *rule.info.effective) {
    return "effective from " + rule.info.effective->ToString();
  }
  return "expired on " + rule.info.expires->ToString();
}

}  // namespace

Decision BuildDecision(const resolve::ResolvedPolicy& policy, const Query& query,
                       std::span<const std::uint32_t> matching, const Outcome& outcome, TraceDetail detail) {
  Decision d;
  d.effect = outcome.effect;
  d.basis = outcome.basis;
  for (std::uint32_t r : outcome.decisive) {
    const RuleInfo& info = policy.rules[r].info;
    d.decisive.push_back(info.id);
    AddOnce(d.outcomes, info.outcome);
    for (const std::string& o : info.obligations) AddOnce(d.obligations, o);
  }
  const auto contains = [](const std::vector<std::uint32_t>& list, std::uint32_t r) {
    return std::binary_search(list.begin(), list.end(), r);
  };
  auto matched_entry = [&](std::uint32_t r) {
    const RuleStatus status = contains(outcome.decisive, r)     ? RuleStatus::kDecisive
                              : contains(outcome.overridden, r) ? RuleStatus::kOverridden
                                                                : RuleStatus::kOutvoted;
    TraceEntry e = Entry(policy, r, status);
    if (status == RuleStatus::kOverridden) {
      for (std::uint32_t w : OverriddenBy(policy, r, matching)) e.overridden_by.push_back(policy.rules[w].info.id);
    }
    e.why = WhyHolds(policy, policy.rules[r].when, query);
    return e;
  };
  if (detail == TraceDetail::kMatching) {  // the hot path: only the matching rules
    for (std::uint32_t r : matching) d.trace.push_back(matched_entry(r));
    return d;
  }
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (std::binary_search(matching.begin(), matching.end(), r)) {
      d.trace.push_back(matched_entry(r));
      continue;
    }
    const resolve::Rule& rule = policy.rules[r];
    const bool active = rule.ActiveOn(query.date);
    TraceEntry e = Entry(policy, r, active ? RuleStatus::kNotMatched : RuleStatus::kInactive);
    e.detail = active ? FailingTest(rule.when, query) : InactiveBound(rule, query.date);
    d.trace.push_back(std::move(e));
  }
  return d;
}

Decision Interpret(const resolve::ResolvedPolicy& policy, const Query& query, TraceDetail detail) {
  const std::vector<std::uint32_t> matching = MatchingRules(policy, query);
  return BuildDecision(policy, query, matching, CombineMatches(policy, matching), detail);
}

}  // namespace clearance::eval
