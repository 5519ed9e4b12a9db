// clearance graph POLICY [--what decisions|groups|overrides]: Graphviz DOT.
#include <CLI/CLI.hpp>

#include <iostream>

#include "api/policy_data.hpp"
#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "report/dot.hpp"

namespace clearance::cli {
namespace {

struct GraphFlags {
  std::string policy;
  std::string what = "decisions";
  LoadFlags load;
};

int RunGraph(const GraphFlags& f) {
  const Policy policy = LoadOrFail(f.policy, f.load);
  const internal::PolicyData& data = policy.data();
  if (f.what == "groups") {
    std::cout << report::GroupsToDot(data.resolved);
  } else if (f.what == "overrides") {
    std::cout << report::OverridesToDot(data.resolved);
  } else {
    std::cout << report::DecisionsToDot(data.graph, data.resolved);
  }
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
