#include "analysis/diff_touched.hpp"

#include <algorithm>

#include "analysis/diff_change.hpp"

namespace clearance::analysis {

namespace {

using Cond = resolve::Cond;

bool SameSet(const SharedDim& dim, const resolve::ValueSet& a, const resolve::ValueSet& b) {
  if (dim.identity) return a == b;
  for (std::uint32_t c = 0; c < dim.size(); ++c) {
    if (a.test(dim.old_value[c]) != b.test(dim.new_value[c])) return false;
  }
  return true;
}

// Structural equality over the compared values: enough to call two rules
// the same (a rule that differs only in form is merely walked, never
// misreported, since the walk compares the graphs' actual decisions).
bool SameCond(const DiffInputs& in, const Cond& a, const Cond& b) {
  if (a.kind != b.kind || a.children.size() != b.children.size()) return false;
  if (a.kind == Cond::Kind::kTest) {
    const DiffSpace& space = *in.space;
    const std::uint32_t s = space.shared_of_old[a.dim];
    return s != kNone && s == space.shared_of_new[b.dim] &&
           SameSet(space.shared[s], a.set.On(in.old_date), b.set.On(in.new_date));
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!SameCond(in, a.children[i], b.children[i])) return false;
  }
  return true;
}

bool SameOverrides(const RuleMatch& rules, const resolve::Rule& o, const resolve::Rule& n) {
  if (o.info.overrides.size() != n.info.overrides.size()) return false;
  std::vector<std::uint32_t> mapped;
  for (std::uint32_t r : o.info.overrides) {
    if (rules.new_of_old[r] == kNone) return false;
    mapped.push_back(rules.new_of_old[r]);
  }
  std::vector<std::uint32_t> theirs = n.info.overrides;
  std::sort(mapped.begin(), mapped.end());
  std::sort(theirs.begin(), theirs.end());
  return mapped == theirs;
}

// The dimension means the same on both sides for the compared values: the
// same groups (by name, as sets of compared values) and attributes. When
// every shared dimension does, two rules whose `when` expressions are the
// same text have the same condition (the text names only values, groups
// and attributes, all resolved alike), which is much cheaper to see than
// comparing condition trees.
bool SameMeaning(const DiffInputs& in, const SharedDim& s, const resolve::Dimension& o,
                 const resolve::Dimension& n) {
  if (o.info.groups.size() != n.info.groups.size()) return false;
  for (std::size_t g = 0; g < o.info.groups.size(); ++g) {
    const auto it = n.group_index.find(o.info.groups[g].name);
    if (it == n.group_index.end() ||
        !SameSet(s, o.group_sets[g].On(in.old_date), n.group_sets[it->second].On(in.new_date))) {
      return false;
    }
  }
  for (std::uint32_t c = 0; c < s.size(); ++c) {
    if (o.attributes[s.old_value[c]] != n.attributes[s.new_value[c]]) return false;
  }
  return true;
}

// The map form's text ("{dim in [a, b] and dim2 in c}") reads back one way
// only when no name holds ',', a bracket or a space.
bool PlainNames(const resolve::Dimension& d) {
  const auto plain = [](const std::string& name) { return name.find_first_of(",[] ") == std::string::npos; };
  return std::all_of(d.info.values.begin(), d.info.values.end(), plain) &&
         std::all_of(d.info.groups.begin(), d.info.groups.end(),
                     [&](const GroupInfo& g) { return plain(g.name); });
}

enum class TextMeans { kNothing, kExpressions, kEverything };

// When the same `when` text means the same condition on both sides.
TextMeans SameTextMeans(const DiffInputs& in) {
  bool plain = true;
  for (const SharedDim& s : in.space->shared) {
    const resolve::Dimension& o = in.old_policy->dims[s.old_dim];
    const resolve::Dimension& n = in.new_policy->dims[s.new_dim];
    if (!SameMeaning(in, s, o, n)) return TextMeans::kNothing;
    plain = plain && PlainNames(o) && PlainNames(n);
  }
  return plain ? TextMeans::kEverything : TextMeans::kExpressions;
}

bool SameText(TextMeans means, const resolve::Rule& o, const resolve::Rule& n) {
  if (means == TextMeans::kNothing || o.info.when != n.info.when) return false;
  return means == TextMeans::kEverything || (!o.info.when.empty() && o.info.when[0] != '{');
}

// OR of many diagrams, pairwise so that no operand grows with the count.
std::uint32_t OrAll(compile::BoolMdd& mdd, std::vector<std::uint32_t> nodes) {
  if (nodes.empty()) return compile::BoolMdd::kFalse;
  while (nodes.size() > 1) {
    std::vector<std::uint32_t> next;
    for (std::size_t i = 0; i + 1 < nodes.size(); i += 2) next.push_back(mdd.Or(nodes[i], nodes[i + 1]));
    if (nodes.size() % 2 == 1) next.push_back(nodes.back());
    nodes = std::move(next);
  }
  return nodes.front();
}

class Collector {
 public:
  Collector(const DiffInputs& in, compile::BoolMdd& mdd) : in_(in), mdd_(mdd) {
    position_.assign(in.space->shared.size(), kNone);
    for (std::uint32_t p = 0; p < in.levels->size(); ++p) position_[(*in.levels)[p].shared] = p;
  }

  // The rule's condition over the joint levels, on one side.
  std::uint32_t Convert(const Cond& cond, bool old_side) {
    switch (cond.kind) {
      case Cond::Kind::kTrue:
        return compile::BoolMdd::kTrue;
      case Cond::Kind::kFalse:
        return compile::BoolMdd::kFalse;
      case Cond::Kind::kTest:
        return Test(cond, old_side);
      case Cond::Kind::kNot:
        return mdd_.Not(Convert(cond.children.at(0), old_side));
      case Cond::Kind::kAnd:
      case Cond::Kind::kOr: {
        const bool is_and = cond.kind == Cond::Kind::kAnd;
        std::uint32_t acc = is_and ? compile::BoolMdd::kTrue : compile::BoolMdd::kFalse;
        for (const Cond& child : cond.children) {
          const std::uint32_t c = Convert(child, old_side);
          acc = is_and ? mdd_.And(acc, c) : mdd_.Or(acc, c);
        }
        return acc;
      }
    }
    return compile::BoolMdd::kFalse;
  }

 private:
  std::uint32_t Test(const Cond& cond, bool old_side) {
    const DiffSpace& space = *in_.space;
    const std::uint32_t s = (old_side ? space.shared_of_old : space.shared_of_new)[cond.dim];
    const resolve::ValueSet& set = cond.set.On(old_side ? in_.old_date : in_.new_date);
    if (s == kNone) {  // a one-sided dimension, fixed to its default
      const std::uint32_t fixed = (old_side ? space.fixed_old : space.fixed_new)[cond.dim];
      return set.test(fixed) ? compile::BoolMdd::kTrue : compile::BoolMdd::kFalse;
    }
    const SharedDim& dim = space.shared[s];
    const JointLevel& level = (*in_.levels)[position_[s]];
    const auto& compared_of = old_side ? dim.compared_of_old : dim.compared_of_new;
    std::vector<std::uint32_t>& classes = scratch_;  // joint classes the set holds
    classes.clear();
    for (auto v = set.find_first(); v != resolve::ValueSet::npos; v = set.find_next(v)) {
      if (compared_of[v] != kNone) classes.push_back(level.joint_of[compared_of[v]]);
    }
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    return mdd_.MakeTest(position_[s], classes);
  }

  const DiffInputs& in_;
  compile::BoolMdd& mdd_;
  std::vector<std::uint32_t> position_;  // per shared dimension: its level
  std::vector<std::uint32_t> scratch_;
};

}  // namespace

RuleMatch MatchRules(const resolve::ResolvedPolicy& old_policy, const resolve::ResolvedPolicy& new_policy) {
  const resolve::Rule* olds = old_policy.rules.data();
  const resolve::Rule* news = new_policy.rules.data();
  const auto old_count = static_cast<std::uint32_t>(old_policy.rules.size());
  const auto new_count = static_cast<std::uint32_t>(new_policy.rules.size());
  RuleMatch out;
  out.new_of_old.assign(old_count, kNone);
  out.old_of_new.assign(new_count, kNone);
  std::vector<std::uint8_t> same(old_count, 0);
  // Policies compared are usually close relatives whose rules come in the
  // same order, mostly unchanged: try the rule after the last match, by
  // content id (which covers the rule id) and then by id, before hashing.
  std::uint32_t next = 0;
  constexpr std::uint32_t kAhead = 8;  // rules are large: fetch their ids early
  for (std::uint32_t r = 0; r < new_count; ++r) {
    if (r + kAhead < new_count) __builtin_prefetch(&news[r + kAhead].content_id);
    if (next + kAhead < old_count) __builtin_prefetch(&olds[next + kAhead].content_id);
    const resolve::Rule& rule = news[r];
    std::uint32_t match = kNone;
    if (next < old_count && resolve::SameContent(olds[next], rule)) {
      match = next;
      same[match] = 1;
    } else if (next < old_count && olds[next].info.id == rule.info.id) {
      match = next;
    } else if (const auto it = old_policy.rule_index.find(rule.info.id); it != old_policy.rule_index.end()) {
      match = it->second;
      same[match] = resolve::SameContent(olds[match], rule) ? 1 : 0;
    }
    if (match == kNone) {
      out.new_only.push_back(r);
      continue;
    }
    out.old_of_new[r] = match;
    out.new_of_old[match] = r;
    next = match + 1;
  }
  for (std::uint32_t r = 0; r < old_count; ++r) {
    if (same[r] == 0) out.old_differing.push_back(r);
  }
  return out;
}

std::vector<std::uint32_t> JointLevelSizes(const std::vector<JointLevel>& levels) {
  std::vector<std::uint32_t> sizes;
  for (const JointLevel& level : levels) sizes.push_back(level.size());
  return sizes;
}

std::uint32_t TouchedQueries(const DiffInputs& in, const RuleMatch& rules, compile::BoolMdd& mdd) {
  const resolve::ResolvedPolicy& o = *in.old_policy;
  const resolve::ResolvedPolicy& n = *in.new_policy;
  if (o.default_effect != n.default_effect || o.combine != n.combine) return compile::BoolMdd::kTrue;
  Collector collect(in, mdd);
  // On one date, two rules of the same content are active alike and match
  // the same compared queries the same way: only the other rules need a
  // look. Across two dates even an unchanged rule may differ.
  const bool one_date = in.old_date == in.new_date;
  const TextMeans means = one_date ? TextMeans::kNothing : SameTextMeans(in);
  std::vector<std::uint32_t> conditions;
  const auto add_if_differs = [&](std::uint32_t r) {
    const resolve::Rule& old_rule = o.rules[r];
    const bool old_active = old_rule.ActiveOn(in.old_date);
    const std::uint32_t other = rules.new_of_old[r];
    const resolve::Rule* new_rule = other == kNone ? nullptr : &n.rules[other];
    const bool new_active = new_rule && new_rule->ActiveOn(in.new_date);
    if (!old_active && !new_active) return;
    const bool same_cond = old_active && new_active &&
                           (SameText(means, old_rule, *new_rule) || SameCond(in, old_rule.when, new_rule->when));
    if (same_cond && old_rule.info.effect == new_rule->info.effect && SameOverrides(rules, old_rule, *new_rule) &&
        (in.by == DiffBy::kEffect || SameJustification(old_rule.info, new_rule->info))) {
      return;
    }
    if (old_active) conditions.push_back(collect.Convert(old_rule.when, true));
    // The same condition on both sides (a changed effect, say) is one set.
    if (new_active && !same_cond) conditions.push_back(collect.Convert(new_rule->when, false));
  };
  if (one_date) {
    for (std::uint32_t r : rules.old_differing) add_if_differs(r);
  } else {
    for (std::uint32_t r = 0; r < o.rules.size(); ++r) add_if_differs(r);
  }
  for (std::uint32_t r : rules.new_only) {
    if (n.rules[r].ActiveOn(in.new_date)) conditions.push_back(collect.Convert(n.rules[r].when, false));
  }
  return OrAll(mdd, std::move(conditions));
}

}  // namespace clearance::analysis
