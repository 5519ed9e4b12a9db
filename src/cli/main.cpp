// clearance: the command line of CLI.md. Exit codes: 0 positive, 1 negative,
// 2 error (usage, policy, query).
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "cli/common.hpp"
#include "cli/verbs.hpp"

int main(int argc, char** argv) {
  using namespace clearance::cli;
  CLI::App app{"clearance: may this AI model be made available in this country for this use?"};
  app.name("clearance");
  app.require_subcommand(1);
  std::map<const CLI::App*, VerbRunner> verbs;
  auto add = [&](VerbRunner runner) { verbs[app.get_subcommands({}).back()] = std::move(runner); };
  add(AddCheck(app));
  add(AddTest(app));
  add(AddBatch(app));
  add(AddLint(app));
  add(AddDiff(app));
  add(AddMatrix(app));
  add(AddGraph(app));
  add(AddReplay(app));
  add(AddServe(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kError;
  }
  try {
    for (const auto& [sub, runner] : verbs) {
      if (sub->parsed()) return runner();
    }
  } catch (const UsageError& e) {
    std::cerr << e.message << '\n';
    return kError;
  }
  return kError;
}
