// clearance graph POLICY [--what decisions|groups|overrides]: Graphviz DOT.
#include <CLI/CLI.hpp>

#include <iostream>

#include "clearance/graph.hpp"
#include "cli/common.hpp"
#include "cli/verbs.hpp"

namespace clearance::cli {
namespace {

struct GraphFlags {
  std::string policy;
  std::string what = "decisions";
  LoadFlags load;
};

int RunGraph(const GraphFlags& f) {
  const Policy policy = LoadOrFail(f.policy, f.load);
  const GraphKind kind = f.what == "groups"      ? GraphKind::kGroups
                        : f.what == "overrides" ? GraphKind::kOverrides
                                                : GraphKind::kDecisions;
  std::cout << PolicyToDot(policy, kind);
  return kPositive;
}

}  // namespace

VerbRunner AddGraph(CLI::App& app) {
  auto flags = std::make_shared<GraphFlags>();
  CLI::App* sub = app.add_subcommand("graph", "Write the decision graph, group hierarchy or override relation as Graphviz DOT");
  sub->add_option("policy", flags->policy, "The policy's root file")->required();
  sub->add_option("--what", flags->what, "decisions (default), groups or overrides")
      ->check(CLI::IsMember({"decisions", "groups", "overrides"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunGraph(*flags); };
}

}  // namespace clearance::cli
