// clearance graph POLICY [--what decisions|groups|overrides] [--focus DIM=VALUE]...
//   [--date D] [--max-nodes N]: Graphviz DOT.
#include "clearance/graph.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"

namespace clearance::cli {
namespace {

struct GraphFlags {
  std::string policy;
  std::string what = "decisions";
  std::vector<std::string> focus;
  std::string date;
  std::size_t max_nodes = 0;
  LoadFlags load;
};

Assignments ParseFocus(const std::vector<std::string>& focus) {
  Assignments out;
  for (const std::string& f : focus) {
    const auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"error: --focus: '" + f + "' is not DIM=VALUE"};
    out.emplace_back(f.substr(0, eq), f.substr(eq + 1));
  }
  return out;
}

int RunGraph(const GraphFlags& f) {
  GraphOptions options;
  options.kind = f.what == "groups"      ? GraphKind::kGroups
                 : f.what == "overrides" ? GraphKind::kOverrides
                                         : GraphKind::kDecisions;
  options.focus = ParseFocus(f.focus);
  if (!f.date.empty()) options.date = AsOfDate(f.date);
  options.max_nodes = f.max_nodes;
  const Policy policy = LoadOrFail(f.policy, f.load);
  const Result<std::string> dot = PolicyToDot(policy, options);
  if (!dot) throw UsageError{"error: " + dot.error().diagnostics().front().message};
  std::cout << *dot;
  return kPositive;
}

}  // namespace

VerbRunner AddGraph(CLI::App& app) {
  auto flags = std::make_shared<GraphFlags>();
  CLI::App* sub = app.add_subcommand(
      "graph", "Write the decision graph, group hierarchy or override relation as Graphviz DOT");
  sub->add_option("policy", flags->policy, "The policy's root file (or --compiled FILE)");
  sub->add_option("--what", flags->what, "decisions (default), groups or overrides")
      ->check(CLI::IsMember({"decisions", "groups", "overrides"}));
  sub->add_option(
      "--focus", flags->focus,
      "DIM=VALUE or DIM=GROUP (repeatable): decisions keeps only the paths such queries take; groups "
      "draws only these dimensions and the groups holding the value");
  sub->add_option(
      "--date", flags->date,
      "decisions: keep only the paths of this date YYYY-MM-DD; the title says 'as of' it (default: every "
      "date)");
  sub->add_option(
      "--max-nodes", flags->max_nodes,
      "Draw at most N nodes (breadth first); the rest become one node with their count (default 0: all)");
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunGraph(*flags); };
}

}  // namespace clearance::cli
