#include "resolve/resolve.hpp"

#include <algorithm>

#include "resolve/conditions.hpp"
#include "resolve/graphs.hpp"
#include "resolve/merge.hpp"

namespace clearance::resolve {
namespace {

std::vector<std::uint32_t> Members(const ValueSet& set) {
  std::vector<std::uint32_t> out;
  for (auto v = set.find_first(); v != ValueSet::npos; v = set.find_next(v)) out.push_back(static_cast<std::uint32_t>(v));
  return out;
}

void DescribeGroup(const DatedSet& set, GroupInfo& info) {
  info.members = Members(set.OnSomeDate());
  if (set.constant()) return;
  info.cuts = set.cuts();
  for (const ValueSet& piece : set.pieces()) info.members_between.push_back(Members(piece));
}

class Resolver {
 public:
  Resolver(const Limits& limits, Diagnostics& diags) : limits_(limits), diags_(diags) {}

  std::optional<ResolvedPolicy> Run(const MergedPolicy& merged);

 private:
  std::vector<MergedDimension> ApplyLike(const MergedPolicy& merged);
  void ResolveDimension(const MergedDimension& merged, Dimension& dim);
  void ResolveGroups(const MergedDimension& merged, Dimension& dim);
  void ResolveRules(const MergedPolicy& merged);
  void ResolveOverrides(const MergedPolicy& merged);

  std::string Where(Mark mark) const { return diags_.sources().Where(mark); }

  const Limits& limits_;
  Diagnostics& diags_;
  ResolvedPolicy out_;
};

// A `like` dimension takes its source's values and groups as merged, then
// adds its own groups (docs/language.md §6 and §9).
std::vector<MergedDimension> Resolver::ApplyLike(const MergedPolicy& merged) {
  std::vector<MergedDimension> dims = merged.dims;
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (!dims[d].like) continue;
    const load::Text& like = *dims[d].like;
    const std::string& name = dims[d].name.text;
    auto it = out_.dim_index.find(like.text);
    if (it == out_.dim_index.end()) {
      std::vector<std::string> known;
      for (const MergedDimension& other : merged.dims) {
        if (other.name.text != name) known.push_back(other.name.text);
      }
      diags_.Error(like.mark, "unknown-name",
                   "dimension '" + name + "' is like unknown dimension '" + like.text + "'" + DidYouMean(like.text, known));
      continue;
    }
    const MergedDimension& source = merged.dims[it->second];
    if (it->second == d) {
      diags_.Error(like.mark, "like", "dimension '" + name + "' cannot be like itself");
      continue;
    }
    if (source.like) {
      diags_.Error(like.mark, "like",
                   "dimension '" + name + "' is like '" + like.text + "', which is itself like '" +
                       source.like->text + "'; write 'like: " + source.like->text + "' ('like' does not chain)");
      continue;
    }
    std::vector<const load::GroupDoc*> own = std::move(dims[d].groups);
    dims[d].values = source.values;
    dims[d].groups = source.groups;
    dims[d].shared_groups = source.groups.size();
    for (const load::GroupDoc* group : own) {
      auto clash = std::find_if(source.groups.begin(), source.groups.end(),
                                [&](const load::GroupDoc* g) { return g->name.text == group->name.text; });
      if (clash != source.groups.end()) {
        diags_.Error(group->name.mark, "duplicate",
                     "group '" + group->name.text + "' of dimension '" + name + "' clashes with the group '" +
                         group->name.text + "' it shares with '" + like.text + "' (declared at " +
                         Where((*clash)->name.mark) + ")");
        continue;
      }
      dims[d].groups.push_back(group);
    }
    out_.dims[d].like = it->second;
    out_.dims[d].shared_groups = dims[d].shared_groups;
    out_.dims[d].info.like = like.text;
  }
  return dims;
}

void Resolver::ResolveDimension(const MergedDimension& merged, Dimension& dim) {
  dim.info.name = merged.name.text;
  dim.mark = merged.name.mark;
  for (const load::ValueDoc* value : merged.values) {
    dim.value_index.emplace(value->name.text, static_cast<std::uint32_t>(dim.info.values.size()));
    dim.info.values.push_back(value->name.text);
    dim.value_marks.push_back(value->name.mark);
    auto& attrs = dim.attributes.emplace_back();
    for (const load::AttributeDoc& a : value->attributes) attrs.emplace(a.name.text, a.value);
    const auto name = attrs.find("name");
    const auto* text = name == attrs.end() ? nullptr : std::get_if<std::string>(&name->second);
    dim.info.value_names.push_back(text ? *text : std::string());
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
      for (const load::MemberDoc& dated : *list) {
        const load::Text& member = dated.name;
        if (dated.effective) out_.member_bounds.push_back(dated.effective->date);
        if (dated.expires) out_.member_bounds.push_back(dated.expires->date);
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
  dim.group_sets.assign(count, DatedSet(ValueSet(dim.size())));
  for (const load::GroupDoc* doc : merged.groups) {
    GroupInfo& info = dim.info.groups.emplace_back();
    info.name = doc->name.text;
    auto& ignore = dim.group_lint_ignore.emplace_back();
    for (const load::Text& code : doc->lint_ignore) ignore.push_back(code.text);
    info.where = diags_.sources().Locate(doc->name.mark);
    dim.group_marks.push_back(doc->name.mark);
  }
  if (!cycles.empty() || unknown) return;
  // On date d a member counts when its dates hold d (docs/language.md §7); nested
  // groups are resolved on the same d, which DatedSet's pieces carry along.
  auto set_of = [&](const load::MemberDoc& member) {
    const std::string& name = member.name.text;
    DatedSet set;
    if (name == "any") {
      set = DatedSet(ValueSet(dim.size()).set());
    } else if (auto it = dim.group_index.find(name); it != dim.group_index.end()) {
      set = dim.group_sets[it->second];
    } else {
      ValueSet one(dim.size());
      one.set(dim.value_index.find(name)->second);
      set = DatedSet(std::move(one));
    }
    if (!member.dated()) return set;
    std::optional<Date> from, to;
    if (member.effective) from = member.effective->date;
    if (member.expires) to = member.expires->date;
    set &= DatedSet::Between(ValueSet(dim.size()).set(), from, to);
    return set;
  };
  for (std::uint32_t g : DependenciesFirst(count, edges)) {
    DatedSet set(ValueSet(dim.size()));
    for (const load::MemberDoc& m : merged.groups[g]->include) set |= set_of(m);
    for (const load::MemberDoc& m : merged.groups[g]->exclude) set -= set_of(m);
    DescribeGroup(set, dim.info.groups[g]);
    dim.group_sets[g] = std::move(set);
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
    for (const load::Text& code : doc.lint_ignore) rule.lint_ignore.push_back(code.text);
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
  }
  const std::vector<MergedDimension> dims = ApplyLike(merged);
  if (diags_.has_errors()) return std::nullopt;
  for (std::size_t d = 0; d < dims.size(); ++d) ResolveDimension(dims[d], out_.dims[d]);
  std::sort(out_.member_bounds.begin(), out_.member_bounds.end());
  out_.member_bounds.erase(std::unique(out_.member_bounds.begin(), out_.member_bounds.end()), out_.member_bounds.end());
  ResolveRules(merged);
  ResolveOverrides(merged);
  if (diags_.has_errors()) return std::nullopt;
  Fingerprint(out_);
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
