#include "resolve/merge.hpp"

#include <algorithm>
#include <set>

namespace clearance::resolve {
namespace {

using load::Text;

class Merger {
 public:
  explicit Merger(Diagnostics& diags) : diags_(diags) {}

  MergedPolicy Run(const load::PolicyDoc& top) {
    AddLayer(top);
    return std::move(out_);
  }

 private:
  struct DimState {
    std::unordered_map<std::string, Mark> values;
    std::unordered_map<std::string, std::size_t> groups;  // -> index in MergedDimension::groups
    std::unordered_map<std::string, int> group_layer;     // layer depth of the current definition
    std::optional<Mark> default_mark;
    std::optional<Mark> values_mark;  // the first `values` key
  };

  std::string Where(Mark mark) const { return diags_.sources().Where(mark); }

  void AddLayer(const load::PolicyDoc& layer);
  void ApplyDrops(const load::FileDoc& root, std::size_t base_rules);
  void AddDimension(const load::DimensionDoc& dim);
  void AddGroup(MergedDimension& merged, DimState& state, const load::GroupDoc& group);
  void AddLike(MergedDimension& merged, DimState& state, const load::DimensionDoc& dim);
  void AddRule(const load::RuleDoc& rule, std::size_t base_rules);
  void CheckOverrides(std::size_t first_new_rule);

  Diagnostics& diags_;
  MergedPolicy out_;
  std::unordered_map<std::string, std::size_t> dim_index_;
  std::vector<DimState> dim_state_;
  std::unordered_map<std::string, Mark> rule_ids_;
  std::set<std::string> dropped_;  // dropped and not (yet) re-added
  int layer_ = 0;                  // 0 = the innermost base
};

void Merger::AddLayer(const load::PolicyDoc& layer) {
  if (layer.base) {
    AddLayer(*layer.base);
    ++layer_;
  }
  const load::FileDoc& root = layer.root();
  if (root.policy) out_.name = *root.policy;
  out_.root_mark = root.mark;
  if (!root.description.empty()) out_.description = root.description;
  if (root.default_effect) out_.default_effect = *root.default_effect;
  if (root.combine) out_.combine = *root.combine;
  const std::size_t base_rules = out_.rules.size();
  if (layer.base) ApplyDrops(root, base_rules);
  const std::size_t kept_base_rules = out_.rules.size();
  for (const load::FileDoc& file : layer.files) {
    for (const load::DimensionDoc& dim : file.dimensions) AddDimension(dim);
  }
  for (const load::FileDoc& file : layer.files) {
    for (const load::RuleDoc& rule : file.rules) AddRule(rule, kept_base_rules);
  }
  CheckOverrides(kept_base_rules);
}

void Merger::ApplyDrops(const load::FileDoc& root, std::size_t base_rules) {
  std::set<std::string> drop;
  for (const Text& id : root.drops) {
    if (!rule_ids_.count(id.text)) {
      std::vector<std::string> known;
      for (std::size_t i = 0; i < base_rules; ++i) known.push_back(out_.rules[i].doc->id.text);
      diags_.Error(id.mark, "unknown-name",
                   "cannot drop unknown rule '" + id.text + "'" + DidYouMean(id.text, known));
      continue;
    }
    if (!drop.insert(id.text).second) {
      diags_.Error(id.mark, "duplicate", "rule '" + id.text + "' is dropped twice");
    }
  }
  std::vector<MergedRule> kept;
  for (MergedRule& rule : out_.rules) {
    if (drop.count(rule.doc->id.text)) {
      rule_ids_.erase(rule.doc->id.text);
      dropped_.insert(rule.doc->id.text);
    } else {
      kept.push_back(std::move(rule));
    }
  }
  out_.rules = std::move(kept);
}

void Merger::AddDimension(const load::DimensionDoc& dim) {
  auto [it, inserted] = dim_index_.try_emplace(dim.name.text, out_.dims.size());
  if (inserted) {
    out_.dims.push_back({dim.name, {}, {}, std::nullopt, std::nullopt, 0});
    dim_state_.emplace_back();
  }
  MergedDimension& merged = out_.dims[it->second];
  DimState& state = dim_state_[it->second];
  for (const load::ValueDoc& value : dim.values) {
    auto [v, fresh] = state.values.try_emplace(value.name.text, value.name.mark);
    if (!fresh) {
      diags_.Error(value.name.mark, "duplicate",
                   "value '" + value.name.text + "' of dimension '" + dim.name.text +
                       "' is declared twice (first at " + Where(v->second) + ")");
      continue;
    }
    merged.values.push_back(&value);
  }
  for (const load::GroupDoc& group : dim.groups) AddGroup(merged, state, group);
  AddLike(merged, state, dim);
  if (dim.default_value) {
    if (state.default_mark) {
      diags_.Error(dim.default_value->mark, "duplicate",
                   "the default of dimension '" + dim.name.text + "' is set twice (first at " +
                       Where(*state.default_mark) + ")");
    } else {
      state.default_mark = dim.default_value->mark;
      merged.default_value = dim.default_value;
    }
  }
}

void Merger::AddGroup(MergedDimension& merged, DimState& state, const load::GroupDoc& group) {
  auto found = state.groups.find(group.name.text);
  if (found == state.groups.end()) {
    state.groups.emplace(group.name.text, merged.groups.size());
    state.group_layer[group.name.text] = layer_;
    merged.groups.push_back(&group);
    return;
  }
  const load::GroupDoc*& current = merged.groups[found->second];
  if (state.group_layer[group.name.text] < layer_) {  // an extending layer redefines a base group
    state.group_layer[group.name.text] = layer_;
    current = &group;
    return;
  }
  diags_.Error(group.name.mark, "duplicate",
               "group '" + group.name.text + "' of dimension '" + merged.name.text +
                   "' is declared twice (first at " + Where(current->name.mark) + ")");
}

// `like` is given once in the whole policy, and never beside `values` in
// any file (docs/language.md §6).
void Merger::AddLike(MergedDimension& merged, DimState& state, const load::DimensionDoc& dim) {
  const std::string& name = dim.name.text;
  const bool like_before = merged.like.has_value();
  if (dim.like && like_before) {
    diags_.Error(dim.like->mark, "duplicate",
                 "'like' of dimension '" + name + "' is given twice (first at " + Where(merged.like->mark) + ")");
  } else if (dim.like) {
    merged.like = dim.like;
  }
  if (dim.values_mark && merged.like) {
    const bool same_file = dim.like && !like_before;
    diags_.Error(*dim.values_mark, "like",
                 "dimension '" + name + "' is like '" + merged.like->text + "'" +
                     (same_file ? "" : " (at " + Where(merged.like->mark) + ")") + " and cannot declare values");
  } else if (dim.like && !like_before && state.values_mark) {
    diags_.Error(dim.like->mark, "like",
                 "dimension '" + name + "' declares values (at " + Where(*state.values_mark) +
                     ") and cannot be like '" + dim.like->text + "'");
  }
  if (dim.values_mark && !state.values_mark) state.values_mark = dim.values_mark;
}

void Merger::AddRule(const load::RuleDoc& rule, std::size_t base_rules) {
  auto [it, fresh] = rule_ids_.try_emplace(rule.id.text, rule.id.mark);
  if (!fresh) {
    const bool in_base = std::any_of(out_.rules.begin(), out_.rules.begin() + static_cast<long>(base_rules),
                                     [&](const MergedRule& r) { return r.doc->id.text == rule.id.text; });
    diags_.Error(rule.id.mark, "duplicate",
                 "rule id '" + rule.id.text + "' is declared twice (first at " + Where(it->second) + ")" +
                     (in_base ? "; drop it to replace the base's rule" : ""));
    return;
  }
  dropped_.erase(rule.id.text);
  out_.rules.push_back({&rule, rule.overrides});
}

// Base rules forget overrides of dropped, unreplaced ids; new rules may not
// name them at all.
void Merger::CheckOverrides(std::size_t first_new_rule) {
  for (std::size_t i = 0; i < out_.rules.size(); ++i) {
    std::vector<Text>& overrides = out_.rules[i].overrides;
    if (i < first_new_rule) {
      std::erase_if(overrides, [&](const Text& id) { return dropped_.count(id.text) > 0; });
      continue;
    }
    for (const Text& id : overrides) {
      if (dropped_.count(id.text)) {
        diags_.Error(id.mark, "unknown-name",
                     "rule '" + out_.rules[i].doc->id.text + "' overrides '" + id.text +
                         "', which is dropped and not re-added");
      }
    }
    std::erase_if(overrides, [&](const Text& id) { return dropped_.count(id.text) > 0; });
  }
}

}  // namespace

MergedPolicy Merge(const load::PolicyDoc& policy, Diagnostics& diagnostics) {
  return Merger(diagnostics).Run(policy);
}

}  // namespace clearance::resolve
