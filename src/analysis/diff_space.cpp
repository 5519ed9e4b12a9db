#include "analysis/diff_space.hpp"

#include <string>
#include <unordered_map>
#include <utility>

namespace clearance::analysis {

namespace {

SharedDim MatchValues(std::uint32_t old_dim, const resolve::Dimension& o, std::uint32_t new_dim,
                      const resolve::Dimension& n) {
  SharedDim s;
  s.old_dim = old_dim;
  s.new_dim = new_dim;
  s.identity = o.info.values == n.info.values;
  if (s.identity) {  // the common case, without hashing every name
    s.old_value.resize(o.size());
    for (std::uint32_t v = 0; v < o.size(); ++v) s.old_value[v] = v;
    s.new_value = s.compared_of_old = s.compared_of_new = s.old_value;
    return s;
  }
  s.compared_of_old.assign(o.size(), kNone);
  s.compared_of_new.assign(n.size(), kNone);
  for (std::uint32_t v = 0; v < o.size(); ++v) {
    const auto it = n.value_index.find(o.info.values[v]);
    if (it == n.value_index.end()) continue;
    s.compared_of_old[v] = static_cast<std::uint32_t>(s.old_value.size());
    s.compared_of_new[it->second] = s.compared_of_old[v];
    s.old_value.push_back(v);
    s.new_value.push_back(it->second);
  }
  return s;
}

// A dimension of `side` that the other side lacks must have a default.
bool FixOneSided(const resolve::ResolvedPolicy& side, const char* which,
                 const std::vector<std::uint32_t>& shared_of, std::vector<std::uint32_t>& fixed,
                 Diagnostics& diags) {
  fixed.assign(side.dims.size(), kNone);
  bool ok = true;
  for (std::uint32_t d = 0; d < side.dims.size(); ++d) {
    if (shared_of[d] != kNone) continue;
    const resolve::Dimension& dim = side.dims[d];
    if (!dim.info.default_value) {
      diags.Error(dim.mark, "diff",
                  "dimension '" + dim.info.name + "' is declared only by the " + which + " policy '" +
                      side.name +
                      "' and has no default there, so the two policies cannot be compared (docs/language.md)");
      ok = false;
      continue;
    }
    fixed[d] = *dim.info.default_value;
  }
  return ok;
}

}  // namespace

Result<DiffSpace> MatchDimensions(const resolve::ResolvedPolicy& old_policy, const SourceTable& old_sources,
                                  const resolve::ResolvedPolicy& new_policy, const SourceTable& new_sources) {
  DiffSpace space;
  space.shared_of_old.assign(old_policy.dims.size(), kNone);
  space.shared_of_new.assign(new_policy.dims.size(), kNone);
  for (std::uint32_t d = 0; d < old_policy.dims.size(); ++d) {
    const auto it = new_policy.dim_index.find(old_policy.dims[d].info.name);
    if (it == new_policy.dim_index.end()) continue;
    space.shared_of_old[d] = static_cast<std::uint32_t>(space.shared.size());
    space.shared_of_new[it->second] = space.shared_of_old[d];
    space.shared.push_back(MatchValues(d, old_policy.dims[d], it->second, new_policy.dims[it->second]));
  }
  Diagnostics old_diags(old_sources);
  Diagnostics new_diags(new_sources);
  const bool old_ok = FixOneSided(old_policy, "old", space.shared_of_old, space.fixed_old, old_diags);
  const bool new_ok = FixOneSided(new_policy, "new", space.shared_of_new, space.fixed_new, new_diags);
  if (old_ok && new_ok) return space;
  std::vector<Diagnostic> all = old_diags.list();
  all.insert(all.end(), new_diags.list().begin(), new_diags.list().end());
  return Error(std::move(all));
}

std::vector<std::uint32_t> MatchingOrder(const DiffSpace& space, const std::vector<std::uint32_t>& old_order,
                                         std::size_t new_dim_count) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t d : old_order) {
    const std::uint32_t s = space.shared_of_old[d];
    if (s != kNone) order.push_back(space.shared[s].new_dim);
  }
  for (std::uint32_t d = 0; d < new_dim_count; ++d) {
    if (space.shared_of_new[d] == kNone) order.push_back(d);
  }
  return order;
}

std::vector<JointLevel> JointLevels(const DiffSpace& space, const compile::DecisionGraph& old_graph,
                                    const compile::DecisionGraph& new_graph) {
  std::vector<JointLevel> levels;
  for (std::uint32_t old_dim : old_graph.dim_order()) {
    const std::uint32_t s = space.shared_of_old[old_dim];
    if (s == kNone) continue;
    const SharedDim& dim = space.shared[s];
    const auto& old_class = old_graph.partition().dims[dim.old_dim].class_of;
    const auto& new_class = new_graph.partition().dims[dim.new_dim].class_of;
    JointLevel level;
    level.shared = s;
    level.joint_of.resize(dim.size());
    // Mostly an old class meets one new class: the first joint class of each
    // old class is found by index, only the others by hashing the pair.
    std::vector<std::uint32_t> first_of_old(old_class.size(), kNone);
    std::unordered_map<std::uint64_t, std::uint32_t> others;
    const auto add = [&](std::uint32_t oc, std::uint32_t nc) {
      level.old_class.push_back(oc);
      level.new_class.push_back(nc);
      return level.size() - 1;
    };
    for (std::uint32_t c = 0; c < dim.size(); ++c) {
      const std::uint32_t oc = old_class[dim.old_value[c]];
      const std::uint32_t nc = new_class[dim.new_value[c]];
      std::uint32_t& first = first_of_old[oc];
      if (first == kNone) {
        first = add(oc, nc);
      } else if (level.new_class[first] != nc) {
        const auto [it, inserted] = others.try_emplace((std::uint64_t{oc} << 32) | nc, 0);
        if (inserted) it->second = add(oc, nc);
        level.joint_of[c] = it->second;
        continue;
      }
      level.joint_of[c] = first;
    }
    levels.push_back(std::move(level));
  }
  return levels;
}

}  // namespace clearance::analysis
