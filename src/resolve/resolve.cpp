#include "resolve/resolve.hpp"

#include <algorithm>

#include "resolve/conditions.hpp"
#include "resolve/graphs.hpp"
#include "resolve/merge.hpp"

namespace clearance::resolve {
namespace {

class Resolver {
 public:
  Resolver(const Limits& limits, Diagnostics& diags) : limits_(limits), diags_(diags) {}

  std::optional<ResolvedPolicy> Run(const MergedPolicy& merged);

 private:
  void ResolveDimension(const MergedDimension& merged, Dimension& dim);
  void ResolveGroups(const MergedDimension& merged, Dimension& dim);
  void ResolveRules(const MergedPolicy& merged);
  void ResolveOverrides(const MergedPolicy& merged);

  const Limits& limits_;
  Diagnostics& diags_;
  ResolvedPolicy out_;
};

void Resolver::ResolveDimension(const MergedDimension& merged, Dimension& dim) {
  dim.info.name = merged.name.text;
  dim.mark = merged.name.mark;
  for (const load::ValueDoc* value : merged.values) {
    dim.value_index.emplace(value->name.text, static_cast<std::uint32_t>(dim.info.values.size()));
    dim.info.values.push_back(value->name.text);
    dim.value_marks.push_back(value->name.mark);
    auto& attrs = dim.attributes.emplace_back();
    for (const load::AttributeDoc& a : value->attributes) attrs.emplace(a.name.text, a.value);
  }
  if (dim.info.values.empty()) {
    diags_.Error(dim.mark, "empty", "dimension '" + dim.info.name + "' has no values");
  }
  ResolveGroups(merged, dim);
  if (merged.default_value) {
    auto it = dim.value_index.find(merged.default_value->text);
    if (it != dim.value_index.end()) {
      dim.info.default_value = it->second;
    } else {
      const bool is_group = dim.group_index.count(merged.default_value->text) > 0;
      diags_.Error(merged.default_value->mark, is_group ? "type" : "unknown-name",
                   is_group ? "the default of dimension '" + dim.info.name + "' must be a value, not the group '" +
                                  merged.default_value->text + "'"
                            : "unknown default value '" + merged.default_value->text + "' of dimension '" +
                                  dim.info.name + "'" + DidYouMean(merged.default_value->text, dim.info.values));
    }
  }
}

void Resolver::ResolveGroups(const MergedDimension& merged, Dimension& dim) {
  const auto count = static_cast<std::uint32_t>(merged.groups.size());
  for (std::uint32_t g = 0; g < count; ++g) {
    const load::GroupDoc& doc = *merged.groups[g];
    if (dim.value_index.count(doc.name.text)) {
      diags_.Error(doc.name.mark, "duplicate",
                   "'" + doc.name.text + "' of dimension '" + dim.info.name + "' is both a value and a group");
    }
    dim.group_index.emplace(doc.name.text, g);
  }
  // Edges group -> member group, include and exclude alike.
  Edges edges;
  bool unknown = false;
  std::vector<std::string> known = dim.info.values;
  for (const load::GroupDoc* doc : merged.groups) known.push_back(doc->name.text);
  for (std::uint32_t g = 0; g < count; ++g) {
    for (const auto* list : {&merged.groups[g]->include, &merged.groups[g]->exclude}) {
      for (const load::Text& member : *list) {
        if (auto it = dim.group_index.find(member.text); it != dim.group_index.end()) {
          edges.emplace_back(g, it->second);
        } else if (member.text != "any" && !dim.value_index.count(member.text)) {
          unknown = true;
          diags_.Error(member.mark, "unknown-name",
                       "unknown value or group '" + member.text + "' in group '" + merged.groups[g]->name.text +
                           "' of dimension '" + dim.info.name + "'" + DidYouMean(member.text, known));
        }
      }
    }
  }
  dim.group_refs.assign(count, {});
  for (auto [from, to] : edges) {
    auto& refs = dim.group_refs[from];
    if (std::find(refs.begin(), refs.end(), to) == refs.end()) refs.push_back(to);
  }
  const auto cycles = FindCycles(count, edges);
  for (const auto& cycle : cycles) {
    std::string path;
    for (std::uint32_t g : cycle) path += (path.empty() ? "" : " -> ") + merged.groups[g]->name.text;
    diags_.Error(merged.groups[cycle.front()]->name.mark, "cycle",
                 "group cycle in dimension '" + dim.info.name + "': " + path);
  }
  dim.group_sets.assign(count, ValueSet(dim.size()));
  for (const load::GroupDoc* doc : merged.groups) {
    dim.info.groups.push_back({doc->name.text, {}, diags_.sources().Locate(doc->name.mark)});
    dim.group_marks.push_back(doc->name.mark);
  }
  if (!cycles.empty() || unknown) return;
  auto set_of = [&](const load::Text& name) {
    if (name.text == "any") return ValueSet(dim.size()).set();
    if (auto it = dim.group_index.find(name.text); it != dim.group_index.end()) return dim.group_sets[it->second];
    ValueSet one(dim.size());
    one.set(dim.value_index.at(name.text));
    return one;
  };
  for (std::uint32_t g : DependenciesFirst(count, edges)) {
    ValueSet set(dim.size());
    for (const load::Text& m : merged.groups[g]->include) set |= set_of(m);
    for (const load::Text& m : merged.groups[g]->exclude) set -= set_of(m);
    dim.group_sets[g] = set;
    for (auto v = set.find_first(); v != ValueSet::npos; v = set.find_next(v)) {
      dim.info.groups[g].members.push_back(static_cast<std::uint32_t>(v));
    }
  }
}

void Resolver::ResolveRules(const MergedPolicy& merged) {
  ConditionContext context{out_.dims, out_.dim_index, limits_, diags_};
  for (const MergedRule& m : merged.rules) {
    const load::RuleDoc& doc = *m.doc;
    Rule rule;
    rule.info.id = doc.id.text;
    rule.info.effect = doc.effect;
    if (auto* e = std::get_if<load::ExpressionWhen>(&doc.when)) rule.info.when = e->source.text;
    context.groups_named = &rule.groups_named;
    rule.when = ResolveWhen(doc.when, context);
    context.groups_named = nullptr;
    if (std::holds_alternative<load::MapWhen>(doc.when)) rule.info.when = rule.when.text;
    if (doc.effective) {
      rule.info.effective = doc.effective->date;
      rule.effective_mark = doc.effective->mark;
    }
    if (doc.expires) {
      rule.info.expires = doc.expires->date;
      rule.expires_mark = doc.expires->mark;
    }
    rule.info.because = doc.because;
    rule.info.cite = doc.cite;
    if (doc.outcome) rule.info.outcome = doc.outcome->text;
    rule.info.obligations = doc.obligations;
    for (const load::Text& tag : doc.tags) rule.info.tags.push_back(tag.text);
    rule.info.where = diags_.sources().Locate(doc.id.mark);
    rule.mark = doc.id.mark;
    out_.rule_index.emplace(rule.info.id, static_cast<std::uint32_t>(out_.rules.size()));
    out_.rules.push_back(std::move(rule));
  }
}

void Resolver::ResolveOverrides(const MergedPolicy& merged) {
  const auto count = static_cast<std::uint32_t>(out_.rules.size());
  Edges edges;
  std::vector<std::string> ids;
  for (const Rule& r : out_.rules) ids.push_back(r.info.id);
  for (std::uint32_t r = 0; r < count; ++r) {
    for (const load::Text& target : merged.rules[r].overrides) {
      auto it = out_.rule_index.find(target.text);
      if (it == out_.rule_index.end()) {
        diags_.Error(target.mark, "unknown-name",
                     "rule '" + out_.rules[r].info.id + "' overrides unknown rule '" + target.text + "'" +
                         DidYouMean(target.text, ids));
        continue;
      }
      auto& list = out_.rules[r].info.overrides;
      if (std::find(list.begin(), list.end(), it->second) == list.end()) {
        list.push_back(it->second);
        edges.emplace_back(r, it->second);
      }
    }
  }
  for (const auto& cycle : FindCycles(count, edges)) {
    std::string path;
    for (std::uint32_t r : cycle) path += (path.empty() ? "" : " -> ") + out_.rules[r].info.id;
    diags_.Error(merged.rules[cycle.front()].doc->id.mark, "cycle", "override cycle: " + path);
  }
  for (auto [winner, loser] : edges) out_.rules[loser].overridden_by.push_back(winner);
  for (Rule& r : out_.rules) std::sort(r.overridden_by.begin(), r.overridden_by.end());
}

std::optional<ResolvedPolicy> Resolver::Run(const MergedPolicy& merged) {
  out_.name = merged.name.text;
  out_.description = merged.description;
  out_.default_effect = merged.default_effect;
  out_.combine = merged.combine;
  out_.root_mark = merged.root_mark;
  out_.dims.resize(merged.dims.size());
  for (std::size_t d = 0; d < merged.dims.size(); ++d) {
    out_.dim_index.emplace(merged.dims[d].name.text, static_cast<std::uint32_t>(d));
    ResolveDimension(merged.dims[d], out_.dims[d]);
  }
  ResolveRules(merged);
  ResolveOverrides(merged);
  if (diags_.has_errors()) return std::nullopt;
  out_.digest = ComputeDigest(out_);
  return std::move(out_);
}

}  // namespace

std::optional<ResolvedPolicy> Resolve(const load::PolicyDoc& document, const Limits& limits,
                                      Diagnostics& diagnostics) {
  MergedPolicy merged = Merge(document, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return Resolver(limits, diagnostics).Run(merged);
}

}  // namespace clearance::resolve
