// Random pairs of policies for the diff property test: a random policy, and
// a mutation of it (rules dropped, added or modified, groups changed,
// values added or removed on one side, a one-sided dimension with a
// default, the default effect or combining mode changed, a rule reworded:
// another because, outcome, obligations or tags). Both are written
// as standalone YAML with their dimensions, values and rules in a shuffled
// order, so dimension and value indices differ between the two sides.
// Deterministic for a seed.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/strings.hpp"

namespace clearance::diff_testing {

struct Dim {
  std::string name;
  std::vector<std::string> values;
  std::map<std::string, std::vector<std::string>> groups;  // members are values
  std::optional<std::string> default_value;
};

// A condition: a test "dim in [names]" (names: values or groups), or an
// operator over children.
struct Cond {
  enum Kind { kTest, kNotIn, kAnd, kOr, kNot } kind = kTest;
  std::string dim;
  std::vector<std::string> names;
  std::vector<Cond> children;
};

struct Rule {
  std::string id;
  std::string effect;
  std::optional<Cond> when;
  std::vector<std::string> overrides;
  std::optional<std::string> effective, expires;
  std::string because, outcome;
  std::vector<std::string> obligations, tags;
};

struct Model {
  std::string name;
  std::string default_effect = "deny";
  std::string combine = "deny-overrides";
  std::vector<Dim> dims;
  std::vector<Rule> rules;
};

inline const std::vector<std::string> kDates = {"2025-01-01", "2026-01-01", "2027-01-01"};

class PolicyPair {
 public:
  explicit PolicyPair(std::uint32_t seed) : rng_(seed) {}

  Model Random() {
    Model m;
    m.name = "old";
    m.default_effect = Pick<std::string>({"allow", "deny"});
    m.combine = Pick<std::string>({"deny-overrides", "allow-overrides"});
    const char* names[] = {"model", "country", "use", "tier"};
    const int dims = Int(2, 4);
    for (int d = 0; d < dims; ++d) {
      Dim dim{names[d], {}, {}, {}};
      for (int v = Int(2, 5); v > 0; --v)
        dim.values.push_back(std::string(1, names[d][0]) + std::to_string(next_value_++));
      for (int g = Int(0, 2); g > 0; --g)
        dim.groups[dim.name.substr(0, 1) + "g" + std::to_string(next_group_++)] = Members(dim);
      if (Chance(3)) dim.default_value = Pick(dim.values);
      m.dims.push_back(std::move(dim));
    }
    for (int r = Int(1, 6); r > 0; --r) m.rules.push_back(NewRule(m));
    return m;
  }

  Model Mutate(Model m) {
    m.name = "new";
    for (int k = Int(1, 4); k > 0; --k) MutateOnce(m);
    return m;
  }

  // YAML of the model with dimensions, values, groups and rules shuffled.
  std::string Yaml(const Model& m) {
    std::string out = "clearance: 1\npolicy: " + m.name + "\ndefault: " + m.default_effect +
                      "\ncombine: " + m.combine + "\ndimensions:\n";
    std::vector<Dim> dims = m.dims;
    std::shuffle(dims.begin(), dims.end(), rng_);
    for (Dim& d : dims) {
      std::shuffle(d.values.begin(), d.values.end(), rng_);
      out += "  " + d.name + ":\n    values: [" + Join(d.values) + "]\n";
      if (d.default_value) out += "    default: " + *d.default_value + "\n";
      if (!d.groups.empty()) out += "    groups:\n";
      for (const auto& [g, members] : d.groups) out += "      " + g + ": [" + Join(members) + "]\n";
    }
    std::vector<Rule> rules = m.rules;
    std::shuffle(rules.begin(), rules.end(), rng_);
    out += rules.empty() ? "rules: []\n" : "rules:\n";
    for (const Rule& r : rules) {
      out += "  - id: " + r.id + "\n    effect: " + r.effect + "\n";
      if (r.when) out += "    when: \"" + Text(*r.when) + "\"\n";
      if (!r.overrides.empty()) out += "    overrides: [" + Join(r.overrides) + "]\n";
      if (r.effective) out += "    effective: " + *r.effective + "\n";
      if (r.expires) out += "    expires: " + *r.expires + "\n";
      if (!r.because.empty()) out += "    because: " + r.because + "\n";
      if (!r.outcome.empty()) out += "    outcome: " + r.outcome + "\n";
      if (!r.obligations.empty()) out += "    obligations: [" + Join(r.obligations) + "]\n";
      if (!r.tags.empty()) out += "    tags: [" + Join(r.tags) + "]\n";
    }
    return out;
  }

  std::string Date() {
    return Pick(std::vector<std::string>{"2024-06-01", "2025-06-01", "2026-06-01", "2027-06-01"});
  }
  bool Chance(int one_in) { return Int(1, one_in) == 1; }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <class T>
  T Pick(const std::vector<T>& options) {
    return options[Int(0, static_cast<int>(options.size()) - 1)];
  }
  static std::string Join(const std::vector<std::string>& items) { return clearance::Join(items, ", "); }

  std::vector<std::string> Members(const Dim& d) {
    std::vector<std::string> out;
    for (const std::string& v : d.values) {
      if (Chance(2)) out.push_back(v);
    }
    return out;
  }

  Cond NewCond(const Model& m, int depth) {
    if (depth == 0 || Chance(2)) {
      const Dim& d = m.dims[Int(0, static_cast<int>(m.dims.size()) - 1)];
      Cond c;
      c.kind = Chance(4) ? Cond::kNotIn : Cond::kTest;
      c.dim = d.name;
      for (int k = Int(1, 2); k > 0; --k) {
        if (!d.groups.empty() && Chance(3)) {
          c.names.push_back(
              std::next(d.groups.begin(), Int(0, static_cast<int>(d.groups.size()) - 1))->first);
        } else {
          c.names.push_back(Pick(d.values));
        }
      }
      return c;
    }
    Cond c;
    c.kind = Pick<Cond::Kind>({Cond::kAnd, Cond::kOr, Cond::kNot, Cond::kAnd});
    for (int k = c.kind == Cond::kNot ? 1 : 2; k > 0; --k) c.children.push_back(NewCond(m, depth - 1));
    return c;
  }

  std::string Text(const Cond& c) {
    switch (c.kind) {
      case Cond::kTest:
        return c.dim + " in [" + Join(c.names) + "]";
      case Cond::kNotIn:
        return c.dim + " not in [" + Join(c.names) + "]";
      case Cond::kNot:
        return "not (" + Text(c.children[0]) + ")";
      default:
        return "(" + Text(c.children[0]) + (c.kind == Cond::kAnd ? " and " : " or ") + Text(c.children[1]) +
               ")";
    }
  }

  Rule NewRule(const Model& m) {
    Rule r;
    r.id = "r" + std::to_string(next_rule_++);
    r.effect = Pick<std::string>({"allow", "deny"});
    if (!Chance(6)) r.when = NewCond(m, 2);
    for (const Rule& other : m.rules) {
      // Overrides only point at lower-numbered ids, so there is no cycle.
      if (Chance(4) && std::stoi(other.id.substr(1)) < std::stoi(r.id.substr(1)))
        r.overrides.push_back(other.id);
    }
    if (Chance(3)) {
      const int from = Int(0, 1);
      r.effective = kDates[from];
      if (Chance(2)) r.expires = kDates[Int(from + 1, 2)];
    }
    Justify(r);
    return r;
  }

  // Random because, outcome, obligations and tags, from small pools so that
  // rules often share them.
  void Justify(Rule& r) {
    r.because = Chance(3) ? Pick<std::string>({"b1", "b2"}) : "";
    r.outcome = Chance(2) ? Pick<std::string>({"o1", "o2", "o3"}) : "";
    r.obligations.clear();
    if (Chance(3)) r.obligations.push_back(Pick<std::string>({"report in 30 days", "report in 7 days"}));
    if (Chance(4)) r.obligations.push_back("keep records");
    r.tags.clear();
    if (Chance(4)) r.tags.push_back(Pick<std::string>({"t1", "t2"}));
  }

  void DropRule(Model& m, std::size_t i) {
    const std::string id = m.rules[i].id;
    m.rules.erase(m.rules.begin() + static_cast<std::ptrdiff_t>(i));
    for (Rule& r : m.rules)
      r.overrides.erase(std::remove(r.overrides.begin(), r.overrides.end(), id), r.overrides.end());
  }

  // Removes a value everywhere; a test left with no name gets another value.
  void RemoveValue(Model& m, Dim& d, const std::string& value) {
    d.values.erase(std::find(d.values.begin(), d.values.end(), value));
    for (auto& [g, members] : d.groups)
      members.erase(std::remove(members.begin(), members.end(), value), members.end());
    if (d.default_value == value) d.default_value = d.values.front();
    for (Rule& r : m.rules) {
      if (r.when) Scrub(*r.when, d, value);
    }
  }
  void Scrub(Cond& c, const Dim& d, const std::string& value) {
    for (Cond& child : c.children) Scrub(child, d, value);
    if (c.dim != d.name) return;
    c.names.erase(std::remove(c.names.begin(), c.names.end(), value), c.names.end());
    if (c.names.empty()) c.names.push_back(d.values.front());
  }

  void MutateOnce(Model& m) {
    switch (Int(0, 11)) {
      case 10:
      case 11:
        if (!m.rules.empty()) Justify(m.rules[Int(0, static_cast<int>(m.rules.size()) - 1)]);  // reworded only
        break;
      case 0:
        if (!m.rules.empty())
          DropRule(m, static_cast<std::size_t>(Int(0, static_cast<int>(m.rules.size()) - 1)));
        break;
      case 1:
        m.rules.push_back(NewRule(m));
        break;
      case 2:
      case 3:
        if (!m.rules.empty()) {  // same id, new body (overrides kept when still valid)
          Rule& r = m.rules[Int(0, static_cast<int>(m.rules.size()) - 1)];
          Rule fresh = NewRule(m);
          fresh.id = r.id;
          fresh.overrides = r.overrides;
          r = fresh;
        }
        break;
      case 4: {
        Dim& d = m.dims[Int(0, static_cast<int>(m.dims.size()) - 1)];
        if (!d.groups.empty())
          std::next(d.groups.begin(), Int(0, static_cast<int>(d.groups.size()) - 1))->second = Members(d);
        break;
      }
      case 5: {
        Dim& d = m.dims[Int(0, static_cast<int>(m.dims.size()) - 1)];
        d.values.push_back(d.name.substr(0, 1) + std::to_string(next_value_++));
        if (!d.groups.empty() && Chance(2)) d.groups.begin()->second.push_back(d.values.back());
        break;
      }
      case 6: {
        Dim& d = m.dims[Int(0, static_cast<int>(m.dims.size()) - 1)];
        if (d.values.size() > 2) RemoveValue(m, d, Pick(d.values));
        break;
      }
      case 7:
        if (m.dims.size() < 5 && Chance(2)) {  // a dimension only this side declares
          Dim extra{"zone", {"z1", "z2"}, {}, std::string(Chance(2) ? "z1" : "z2")};
          if (std::none_of(m.dims.begin(), m.dims.end(), [](const Dim& d) { return d.name == "zone"; })) {
            m.dims.push_back(extra);
            if (Chance(2)) m.rules.push_back(NewRule(m));
          }
        }
        break;
      case 8:
        if (Chance(3)) m.default_effect = m.default_effect == "allow" ? "deny" : "allow";
        break;
      default:
        if (Chance(4)) m.combine = m.combine == "deny-overrides" ? "allow-overrides" : "deny-overrides";
        break;
    }
  }

  std::mt19937 rng_;
  int next_value_ = 0;
  int next_group_ = 0;
  int next_rule_ = 0;
};

}  // namespace clearance::diff_testing
