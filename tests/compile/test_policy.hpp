// Hand-built resolved policies for the compiler's unit tests, so they do not
// depend on the loader.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "resolve/resolved_policy.hpp"

namespace clearance::compile::testing {

class TestPolicy {
 public:
  // Adds a dimension; returns its index.
  std::uint32_t Dim(const std::string& name, const std::vector<std::string>& values) {
    resolve::Dimension d;
    d.info.name = name;
    d.info.values = values;
    for (std::uint32_t v = 0; v < values.size(); ++v) d.value_index.emplace(values[v], v);
    const auto index = static_cast<std::uint32_t>(policy.dims.size());
    policy.dim_index.emplace(name, index);
    policy.dims.push_back(std::move(d));
    return index;
  }

  void Group(std::uint32_t dim, const std::string& name, std::initializer_list<std::string> members) {
    resolve::Dimension& d = policy.dims[dim];
    GroupInfo g;
    g.name = name;
    for (const std::string& m : members) g.members.push_back(d.value_index.at(m));
    d.group_index.emplace(name, static_cast<std::uint32_t>(d.info.groups.size()));
    d.group_sets.push_back(resolve::DatedSet(Set(dim, members)));
    d.info.groups.push_back(std::move(g));
  }

  resolve::ValueSet Set(std::uint32_t dim, std::initializer_list<std::string> values) const {
    resolve::ValueSet set(policy.dims[dim].size());
    for (const std::string& v : values) set.set(policy.dims[dim].value_index.at(v));
    return set;
  }

  resolve::Cond In(std::uint32_t dim, std::initializer_list<std::string> values) const {
    resolve::Cond c;
    c.kind = resolve::Cond::Kind::kTest;
    c.dim = dim;
    c.set = resolve::DatedSet(Set(dim, values));
    return c;
  }

  // Adds a rule; returns its index. `overrides` are earlier rule indices.
  std::uint32_t Rule(const std::string& id, Effect effect, resolve::Cond when,
                     std::vector<std::uint32_t> overrides = {}, std::optional<Date> effective = {},
                     std::optional<Date> expires = {}) {
    resolve::Rule r;
    r.info.id = id;
    r.info.effect = effect;
    r.info.effective = effective;
    r.info.expires = expires;
    r.info.overrides = overrides;
    r.when = std::move(when);
    const auto index = static_cast<std::uint32_t>(policy.rules.size());
    for (std::uint32_t o : overrides) policy.rules[o].overridden_by.push_back(index);
    policy.rule_index.emplace(id, index);
    policy.rules.push_back(std::move(r));
    return index;
  }

  resolve::ResolvedPolicy policy;
};

inline resolve::Cond Op(resolve::Cond::Kind kind, std::vector<resolve::Cond> children) {
  resolve::Cond c;
  c.kind = kind;
  c.children = std::move(children);
  return c;
}
inline resolve::Cond And(std::vector<resolve::Cond> c) { return Op(resolve::Cond::Kind::kAnd, std::move(c)); }
inline resolve::Cond Or(std::vector<resolve::Cond> c) { return Op(resolve::Cond::Kind::kOr, std::move(c)); }
inline resolve::Cond Not(resolve::Cond c) { return Op(resolve::Cond::Kind::kNot, {std::move(c)}); }
inline resolve::Cond True() { return {}; }
inline resolve::Cond False() {
  resolve::Cond c;
  c.kind = resolve::Cond::Kind::kFalse;
  return c;
}

inline Date Day(const char* text) { return *Date::Parse(text); }

}  // namespace clearance::compile::testing
