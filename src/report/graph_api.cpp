// PolicyToDot (clearance/graph.hpp): resolves --focus to value sets, titles
// the drawing, and picks the drawing.
#include "api/policy_access.hpp"
#include "clearance/graph.hpp"
#include "report/dot.hpp"

namespace clearance {

namespace {

Error Usage(std::string message) { return Error::Message(std::move(message), "usage"); }

std::string_view KindName(GraphKind kind) {
  switch (kind) {
    case GraphKind::kDecisions:
      return "decision graph";
    case GraphKind::kGroups:
      return "groups";
    case GraphKind::kOverrides:
      return "overrides";
  }
  return "decision graph";
}

// DIM=VALUE or DIM=GROUP (or DIM=any) as the values it stands for.
Result<resolve::ValueSet> FocusSet(const resolve::Dimension& dim, const std::string& name) {
  resolve::ValueSet set(dim.size());
  if (auto v = dim.value_index.find(name); v != dim.value_index.end()) {
    set.set(v->second);
    return set;
  }
  if (name == "any") return set.set();
  if (auto g = dim.group_index.find(name); g != dim.group_index.end())
    return dim.group_sets[g->second].OnSomeDate();
  std::vector<std::string> known = dim.info.values;
  for (const GroupInfo& g : dim.info.groups) known.push_back(g.name);
  return Usage("--focus: unknown value or group '" + name + "' of dimension '" + dim.info.name + "'" +
               DidYouMean(name, known));
}

Result<report::DotView> MakeView(const resolve::ResolvedPolicy& p, const GraphOptions& o) {
  report::DotView view;
  view.focus.resize(p.dims.size());
  view.date = o.date;
  view.max_nodes = o.max_nodes;
  if (!o.focus.empty() && o.kind == GraphKind::kOverrides)
    return Usage("--focus: the overrides graph has no values to focus on");
  for (const auto& [dim_name, value] : o.focus) {
    auto d = p.dim_index.find(dim_name);
    if (d == p.dim_index.end()) {
      std::vector<std::string> known;
      for (const auto& dim : p.dims) known.push_back(dim.info.name);
      return Usage("--focus: unknown dimension '" + dim_name + "'" + DidYouMean(dim_name, known));
    }
    if (view.focus[d->second]) return Usage("--focus: dimension '" + dim_name + "' is given twice");
    auto set = FocusSet(p.dims[d->second], value);
    if (!set) return set.error();
    view.focus[d->second] = std::move(*set);
  }
  view.title = p.name + " (" + std::string(KindName(o.kind)) + ")\n" + p.digest + "\n" +
               (o.date ? "as of " + o.date->ToString() : std::string("every date"));
  for (const auto& [dim_name, value] : o.focus) view.title += ", " + dim_name + " = " + value;
  return view;
}

}  // namespace

Result<std::string> PolicyToDot(const Policy& policy, const GraphOptions& options) {
  const internal::PolicyData& data = internal::DataOf(policy);
  auto view = MakeView(data.resolved, options);
  if (!view) return view.error();
  switch (options.kind) {
    case GraphKind::kGroups:
      return report::GroupsToDot(data.resolved, *view);
    case GraphKind::kOverrides:
      return report::OverridesToDot(data.resolved, *view);
    case GraphKind::kDecisions:
      break;
  }
  return report::DecisionsToDot(data.graph, data.resolved, *view);
}

std::string PolicyToDot(const Policy& policy, GraphKind kind) {
  GraphOptions options;
  options.kind = kind;
  return std::move(*PolicyToDot(policy, options));  // without focus, nothing can fail
}

}  // namespace clearance
