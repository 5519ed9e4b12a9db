// The policy with every name resolved: dimensions with their values,
// attribute values and group value sets; rules whose conditions test only
// "the value of dimension d is in set S"; the override relation as indices.
// This is the single input of the compiler, the interpreter and analyses.
#pragma once

#include <boost/dynamic_bitset.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "base/name_map.hpp"
#include "base/source.hpp"
#include "clearance/policy.hpp"
#include "load/document.hpp"
#include "resolve/dated_set.hpp"

namespace clearance::resolve {

using load::AttributeValue;

struct Dimension {
  DimensionInfo info;  // name, values, groups (members), default
  Mark mark;           // first declaration
  std::vector<Mark> value_marks;
  std::vector<DatedSet> group_sets;  // parallel to info.groups
  // `like` (docs/language.md §6): the dimension whose values and groups this one
  // shares; its first `shared_groups` groups are that dimension's.
  std::optional<std::uint32_t> like;
  std::size_t shared_groups = 0;
  std::vector<Mark> group_marks;
  // Per group: the groups its definition names (include and exclude), each
  // once; lint's `unused` needs names, which group_sets no longer carry.
  std::vector<std::vector<std::uint32_t>> group_refs;
  // Per group: the lint warning codes its definition silences.
  std::vector<std::vector<std::string>> group_lint_ignore;
  std::vector<std::map<std::string, AttributeValue>> attributes;  // per value
  NameMap<std::uint32_t> value_index;
  NameMap<std::uint32_t> group_index;

  std::size_t size() const { return info.values.size(); }
};

// A condition over one query. Attribute tests and negations are folded into
// the value set of a test, so a test is always "value of dim ∈ set on the
// query's date" (the set varies only where a group has dated members).
struct Cond {
  enum class Kind : std::uint8_t { kTrue, kFalse, kTest, kNot, kAnd, kOr };
  Kind kind = Kind::kTrue;
  std::uint32_t dim = 0;  // kTest
  DatedSet set;           // kTest
  std::vector<Cond> children;
  std::string text;       // as written, for traces ("country != US")
};

// The first 16 bytes of a SHA-256 of a rule's meaning (digest.cpp), as two
// big-endian words so that comparing is two integer compares; all zero when
// not computed.
using ContentId = std::array<std::uint64_t, 2>;

struct Rule {
  RuleInfo info;
  // Equal for two rules of any two policies exactly when they have the same
  // id, effect, dates, because, cite, outcome, obligations and tags (both in
  // order), overridden rules (as a set of ids) and condition (as sets of
  // value names per dimension name, on every date). Set by Fingerprint.
  ContentId content_id{};
  Cond when;                              // kTrue when absent
  std::vector<std::uint32_t> overridden_by;  // rules naming this one in `overrides`, policy order
  // (dimension, group) pairs that `when` names, each once, first-named first
  // (for lint's `unused`: `when` keeps only value sets).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> groups_named;
  std::vector<std::string> lint_ignore;  // lint warning codes silenced on this rule
  Mark mark;  // the rule's id
  Mark effective_mark;
  Mark expires_mark;

  bool ActiveOn(Date d) const {
    return (!info.effective || *info.effective <= d) && (!info.expires || d < *info.expires);
  }
};

// Whether two rules are known to be the same in meaning: equal content ids,
// computed (a rule built without Fingerprint is never known the same).
inline bool SameContent(const Rule& a, const Rule& b) {
  // Word by word: std::array's == calls memcmp, a tenth of a large diff.
  const ContentId& x = a.content_id;
  const ContentId& y = b.content_id;
  return x[0] == y[0] && x[1] == y[1] && (x[0] | x[1]) != 0;
}

struct ResolvedPolicy {
  std::string name;
  std::string description;
  Effect default_effect = Effect::kDeny;
  Combine combine = Combine::kDenyOverrides;
  std::vector<Dimension> dims;   // declaration order
  std::vector<Rule> rules;       // policy order
  NameMap<std::uint32_t> dim_index;
  NameMap<std::uint32_t> rule_index;
  std::string digest;            // "sha256:..."
  // Every effective/expires date of every group member, sorted, distinct:
  // date bounds of the policy exactly like rule dates (docs/language.md).
  std::vector<Date> member_bounds;
  Mark root_mark;
};

}  // namespace clearance::resolve
