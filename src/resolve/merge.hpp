// Flattens a policy's layers (extends) and files (include) into one set of
// declarations, applying docs/language.md §12 and §9: unions of dimensions, duplicates
// reported with both places, drops, group redefinitions, rule replacement.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "load/document.hpp"

namespace clearance::resolve {

struct MergedDimension {
  load::Text name;  // first declaration
  std::vector<const load::ValueDoc*> values;
  std::vector<const load::GroupDoc*> groups;  // final definitions, first-declared order
  std::optional<load::Text> default_value;
  std::optional<load::Text> like;              // docs/language.md §6; values come from there
  // Of the groups, how many are the `like` source's, shared (they come first).
  std::size_t shared_groups = 0;
};

struct MergedRule {
  const load::RuleDoc* doc = nullptr;
  std::vector<load::Text> overrides;  // dropped ids removed
};

struct MergedPolicy {
  load::Text name;
  std::string description;
  Effect default_effect = Effect::kDeny;
  Combine combine = Combine::kDenyOverrides;
  Mark root_mark;
  std::vector<MergedDimension> dims;  // first-declared order
  std::vector<MergedRule> rules;      // policy order
};

MergedPolicy Merge(const load::PolicyDoc& policy, Diagnostics& diagnostics);

}  // namespace clearance::resolve
