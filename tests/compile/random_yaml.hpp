// Random policies as YAML text, for the property test: every construct of
// docs/language.md §4-§4 and §7 (attributes of every type, groups as lists and as
// include/exclude with `any`, every expression form, the map form of
// `when`, dates, overrides, includes, extends with drop and replacement),
// and the 1.1 additions: a `like` dimension and dated group members.
// Deterministic for a seed.
#pragma once

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.hpp"

namespace clearance::compile::testing {

struct YamlFiles {
  std::string root;                                        // "root.yaml"
  std::vector<std::pair<std::string, std::string>> files;  // every file, root included
  std::vector<std::string> dates;                          // every date used, for probing queries
  bool strict = false;
};

class RandomYaml {
 public:
  // The 1.1 additions draw from their own stream, so that the policies of
  // earlier seeds stay as they were where they use none of them.
  explicit RandomYaml(std::uint32_t seed) : rng_(seed), rng_1_1_(seed ^ 0x9E3779B9u) {}

  YamlFiles Make() {
    MakeDims();
    const bool extends = Chance(3);
    const bool include = Chance(2);
    YamlFiles out;
    out.root = "root.yaml";
    const std::string combine =
        Pick<std::string>({"deny-overrides", "allow-overrides", "deny-overrides", "strict"});
    out.strict = combine == "strict";
    const std::string head = "clearance: 1\npolicy: random-" + std::to_string(Int(0, 999)) + "\n";
    const std::string settings =
        "default: " + Pick<std::string>({"allow", "deny"}) + "\ncombine: " + combine + "\n";
    const std::string include_key = include ? "include: [parts/more.yaml]\n" : "";
    std::string more_dims;
    if (extends) {
      std::string base = head + settings + Declarations(false, more_dims) + Rules(Int(1, 6), {});
      dropped_ = Drops();
      const std::vector<std::string>& dropped = dropped_;
      std::string ext = head + "extends: base.yaml\n";
      if (!dropped.empty()) ext += "drop: [" + Join(dropped) + "]\n";
      ext += include_key + GroupChanges() + Rules(Int(0, 5), dropped);
      out.files.emplace_back("base.yaml", base);
      out.files.emplace_back("root.yaml", ext);
    } else {
      const std::string dims = Declarations(include, more_dims);
      out.files.emplace_back("root.yaml", head + settings + include_key + dims + Rules(Int(0, 7), {}));
    }
    if (include) {
      out.files.emplace_back("parts/more.yaml", "clearance: 1\n" + more_dims + Rules(Int(1, 4), dropped_));
    }
    out.dates = kDates;
    out.dates.insert(out.dates.end(), kMemberDates.begin(), kMemberDates.end());
    return out;
  }

 private:
  struct Dim {
    std::string name;
    std::vector<std::string> values;  // as they must be written in an expression
    std::vector<std::string> groups;
    std::vector<std::pair<std::string, std::string>> attrs;  // name, type: n d s b
    bool map_form = false;
    int like = -1;  // `like: dims_[like]`: its values and groups are shared
  };

  inline static const std::vector<std::string> kDates = {"2025-01-01", "2026-06-01", "2026-12-01",
                                                         "2028-01-01"};
  inline static const std::vector<std::string> kMemberDates = {"2026-02-03", "2026-06-12", "2027-01-01"};

  int Int(int lo, int hi) { return Int(lo, hi, rng_); }
  bool Chance(int one_in) { return Chance(one_in, rng_); }
  static int Int(int lo, int hi, std::mt19937& rng) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  static bool Chance(int one_in, std::mt19937& rng) { return Int(1, one_in, rng) == 1; }
  template <class T>
  T Pick(std::vector<T> options) {
    return options[Int(0, static_cast<int>(options.size()) - 1)];
  }
  static std::string Join(const std::vector<std::string>& items) { return clearance::Join(items, ", "); }

  void MakeDims() {
    dims_.push_back({"model",
                     {"fable-5", "mythos-5", "open-7b", "'4E091'"},
                     {},
                     {{"ops", "n"}, {"released", "d"}, {"weights", "s"}, {"closed", "b"}},
                     true});
    dims_.push_back({"country", {"US", "DE", "FR", "'NO'", "CN", "\"A:1\""}, {}, {}, false});
    dims_.push_back({"use", {"defensive-cyber", "offensive-cyber", "research"}, {}, {}, false});
    if (Chance(2)) dims_.push_back({"tier", {"t1", "t2", "t3"}, {}, {{"level", "n"}}, true});
    for (Dim& d : dims_) {  // drop a few values, keeping at least two
      while (d.values.size() > 2 && Chance(4))
        d.values.erase(d.values.begin() + Int(1, static_cast<int>(d.values.size()) - 1));
    }
    if (Chance(3, rng_1_1_)) {  // nationals of the same countries
      Dim nationality{"nationality", dims_[1].values, {}, {}, false};
      nationality.like = 1;
      dims_.push_back(nationality);
    }
  }

  // The groups a test of d may name: its own and, for a `like` dimension,
  // those it shares with its source.
  std::vector<std::string> GroupsOf(const Dim& d) const {
    std::vector<std::string> out = d.groups;
    if (d.like >= 0) out.insert(out.end(), dims_[d.like].groups.begin(), dims_[d.like].groups.end());
    return out;
  }

  // A member, now and then counting on some dates only.
  std::string Dated(const std::string& member) {
    if (!Chance(5, rng_1_1_)) return member;
    const int first = Int(0, 2, rng_1_1_);
    switch (Int(0, 2, rng_1_1_)) {
      case 0: return "{member: " + member + ", effective: " + kMemberDates[first] + "}";
      case 1: return "{member: " + member + ", expires: " + kMemberDates[first] + "}";
      default:
        if (first == 2) return "{expires: " + kMemberDates[2] + ", member: " + member + "}";
        return "{member: " + member + ", effective: " + kMemberDates[first] +
               ", expires: " + kMemberDates[Int(first + 1, 2, rng_1_1_)] + "}";
    }
  }

  // A name as YAML text: quoted names stay quoted; plain ones sometimes get quotes.
  std::string Yaml(const std::string& name) {
    if (name[0] == '\'' || name[0] == '"') return name;
    return Chance(5) ? "\"" + name + "\"" : name;
  }

  std::string AttrValue(const std::string& type) {
    if (type == "n") return Pick<std::string>({"8.0e23", "2.0e26", "3.1e26", "1000", "-5"});
    if (type == "d") return Pick<std::string>({"2024-03-01", "2025-06-01", "2026-01-15"});
    if (type == "b") return Pick<std::string>({"true", "false"});
    return Pick<std::string>({"open", "closed", "'semi open'"});
  }

  // Every dimension with its groups. With `split`, some dimensions leave
  // their last values to the included file (`more`): a dimension may be
  // declared in several files and its values are the union.
  std::string Declarations(bool split, std::string& more) {
    std::string out = "dimensions:\n";
    for (Dim& d : dims_) {
      const std::size_t keep = split && d.like < 0 && Chance(3) ? d.values.size() - 1 : d.values.size();
      out += DimYaml(d, 0, keep, true);
      if (keep < d.values.size()) more += DimYaml(d, keep, d.values.size(), false);
    }
    if (!more.empty()) more = "dimensions:\n" + more;
    return out;
  }

  std::string DimYaml(Dim& d, std::size_t first, std::size_t last, bool first_declaration) {
    std::string out = "  " + d.name + ":\n    values:";
    if (d.like >= 0) {
      out = "  " + d.name + ":\n    like: " + dims_[d.like].name + "\n";
      if (Chance(2, rng_1_1_)) out += "    default: " + Yaml(d.values[0]) + "\n";
      if (Chance(2, rng_1_1_)) out += "    groups:\n      " + NewGroup(d) + "\n";
      return out;
    } else if (d.map_form) {
      out += "\n";
      for (std::size_t i = first; i < last; ++i) {
        out += "      " + Yaml(d.values[i]) + ":";
        std::string attrs;
        for (const auto& [name, type] : d.attrs) {
          // Value 0 has every attribute, so each attribute name is known.
          if (i == 0 || !Chance(4)) attrs += (attrs.empty() ? "" : ", ") + name + ": " + AttrValue(type);
        }
        out += attrs.empty() && Chance(2) ? "\n" : " {" + attrs + "}\n";
      }
    } else {
      std::vector<std::string> names;
      for (std::size_t i = first; i < last; ++i) names.push_back(Yaml(d.values[i]));
      out += " [" + Join(names) + "]\n";
    }
    if (!first_declaration) return out;
    if (d.name == "use" && Chance(2)) out += "    default: " + Yaml(d.values[0]) + "\n";
    const int groups = Int(0, 3);
    if (groups > 0) out += "    groups:\n";
    for (int g = 0; g < groups; ++g) out += "      " + NewGroup(d) + "\n";
    return out;
  }

  // "name: body", and the group becomes usable.
  std::string NewGroup(Dim& d) {
    const std::string name = d.name.substr(0, 1) + "g" + std::to_string(d.groups.size());
    const std::string line = name + ": " + GroupBody(d);
    d.groups.push_back(name);
    return line;
  }

  // Members: values or earlier groups, so there are no cycles.
  std::string Members(const Dim& d, int most) {
    std::vector<std::string> out;
    const std::vector<std::string> groups = GroupsOf(d);
    for (int i = Int(0, most); i > 0; --i) {
      const bool group = !groups.empty() && Chance(3);
      out.push_back(Dated(Yaml(group ? Pick(groups) : Pick(d.values))));
    }
    return "[" + Join(out) + "]";
  }

  std::string GroupBody(const Dim& d) {
    if (Chance(2)) return Members(d, 3);
    const std::string include = Chance(2) ? "[any]" : Members(d, 3);
    return Chance(4) ? "{exclude: " + Members(d, 2) + "}"
                     : "{include: " + include + ", exclude: " + Members(d, 2) + "}";
  }

  // In an extending file: a new group, and a base group redefined (with
  // values only, so no cycle can appear).
  std::string GroupChanges() {
    std::string out;
    for (Dim& d : dims_) {
      std::string lines;
      if (!d.groups.empty() && Chance(2)) {
        Dim values_only = d;
        values_only.groups.clear();
        lines += "      " + d.groups[0] + ": " + Members(values_only, 3) + "\n";
      }
      if (Chance(3)) lines += "      " + NewGroup(d) + "\n";
      if (!lines.empty()) out += "  " + d.name + ":\n    groups:\n" + lines;
    }
    return out.empty() ? "" : "dimensions:\n" + out;
  }

  std::vector<std::string> Drops() {
    std::vector<std::string> out;
    for (const std::string& id : ids_) {
      if (Chance(4)) out.push_back(id);
    }
    return out;
  }

  std::string SetText(const Dim& d) {
    const std::vector<std::string> groups = GroupsOf(d);
    const auto one = [&] {
      return !groups.empty() && Chance(3) ? Pick(groups) : Chance(12) ? "any" : Pick(d.values);
    };
    if (Chance(3)) return one();
    std::vector<std::string> names;
    for (int i = Int(1, 3); i > 0; --i) names.push_back(one());
    return "[" + Join(names) + "]";
  }

  std::string Literal(const std::string& type, bool ordering) {
    if (type == "n") return Pick<std::string>({"1e26", "2.0e26", "+1000", "-5", "0"});
    if (type == "d") return Pick<std::string>({"2025-01-01", "2025-06-01", "2026-01-15"});
    if (ordering) return Literal(Pick<std::string>({"n", "d"}), true);
    if (type == "b") return Pick<std::string>({"true", "false"});
    return Pick<std::string>({"open", "'closed'", "\"semi open\"", "3"});
  }

  std::string Test() {
    const Dim& d = Pick(std::vector<Dim>(dims_));
    const int kind = Int(0, d.attrs.empty() ? 3 : 5);
    const std::string sp = Chance(4) ? "" : " ";
    if (kind == 0) return d.name + " in " + SetText(d);
    if (kind == 1) return d.name + " not in " + SetText(d);
    if (kind == 2) return d.name + sp + Pick<std::string>({"==", "!="}) + sp + Pick(d.values);
    if (kind == 3) return Pick<std::string>({"true", "false", d.name + " in " + SetText(d)});
    const auto& [attr, type] = Pick(d.attrs);
    const bool ordering = (type == "n" || type == "d") && Chance(2);
    const std::string op =
        ordering ? Pick<std::string>({"<", "<=", ">", ">="}) : Pick<std::string>({"==", "!="});
    // A literal of another type than the attribute is allowed and never holds.
    return d.name + "." + attr + sp + op + sp + Literal(Chance(5) && !ordering ? "s" : type, ordering);
  }

  std::string Expr(int depth) {
    if (depth == 0 || Chance(3)) return Test();
    switch (Int(0, 4)) {
      case 0: return "not " + Expr(depth - 1);
      case 1: return Expr(depth - 1) + " and " + Expr(depth - 1);
      case 2: return Expr(depth - 1) + " or " + Expr(depth - 1);
      case 3: return "(" + Expr(depth - 1) + " or " + Expr(depth - 1) + ") and " + Expr(depth - 1);
      default: return "not (" + Expr(depth - 1) + ")";
    }
  }

  std::string MapWhen() {
    std::string out;
    for (const Dim& d : dims_) {
      if (!Chance(2)) continue;
      const std::string set = Chance(10) ? "[]" : SetText(d);
      out += (out.empty() ? "" : ", ") + d.name + ": " + set;
    }
    return "{" + out + "}";
  }

  // YAML double-quoted scalar.
  static std::string Quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\\\"") : std::string(1, c);
    return out + "\"";
  }

  std::string Rules(int count, const std::vector<std::string>& dropped) {
    if (count == 0) return Chance(2) ? "rules: []\n" : "";
    std::string out = "rules:\n";
    for (int i = 0; i < count; ++i) {
      // Now and then reuse a dropped id: that replaces the base rule. A
      // replacement overrides nothing, since base rules may point at it.
      std::string id = "r" + std::to_string(next_id_++);
      bool replace = false;
      for (const std::string& d : dropped) {
        if (!replace && Chance(3) && std::find(replaced_.begin(), replaced_.end(), d) == replaced_.end()) {
          id = d, replace = true;
          replaced_.push_back(d);
        }
      }
      out += "  - id: " + id + "\n    effect: " + Pick<std::string>({"allow", "deny"}) + "\n";
      if (!Chance(6)) out += "    when: " + (Chance(4) ? MapWhen() : Quoted(Expr(3))) + "\n";
      std::vector<std::string> overrides;
      for (const std::string& earlier : ids_) {
        const bool gone = std::find(dropped.begin(), dropped.end(), earlier) != dropped.end();
        if (!replace && !gone && Chance(4)) overrides.push_back(earlier);
      }
      if (!overrides.empty()) out += "    overrides: [" + Join(overrides) + "]\n";
      const int from = Chance(2) ? Int(0, 3) : -1;
      if (from >= 0) out += "    effective: " + kDates[from] + "\n";
      if (from < 3 && Chance(3)) out += "    expires: " + kDates[Int(from + 1, 3)] + "\n";
      out += "    because: generated\n    outcome: " + Pick<std::string>({"o-a", "o-b"}) + "\n";
      if (Chance(2)) out += "    obligations: [" + Pick<std::string>({"report", "log"}) + "]\n";
      if (!replace) ids_.push_back(id);
    }
    return out;
  }

  std::mt19937 rng_;
  std::mt19937 rng_1_1_;
  std::vector<Dim> dims_;
  std::vector<std::string> ids_;  // in creation order: a rule overrides only earlier ones
  std::vector<std::string> replaced_;
  std::vector<std::string> dropped_;  // by the extending file
  int next_id_ = 0;
};

}  // namespace clearance::compile::testing
