// clearance: the command line of docs/cli.md. Exit codes: 0 positive, 1 negative,
// 2 error (usage, policy, query). A bare `clearance` prints the help and
// exits 0, as cargo does; an unknown verb or option is an error (2) that
// names the closest known ones.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "clearance/version.hpp"
#include "cli/common.hpp"
#include "cli/suggest.hpp"
#include "cli/verbs.hpp"

namespace {

constexpr const char* kFooter =
    "Exit codes: 0 the positive outcome (allow, all pass, no change...), 1 the negative one, 2 an error.\n"
    "`clearance VERB --help` describes each verb; docs/cli.md has them all, with examples.";

// The verb's parse error, or a did-you-mean for the unknown verb or option behind it.
int ParseFailed(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (auto message = clearance::cli::UnknownArgument(app, argc, argv)) {
    std::cerr << *message << '\n';
  } else {
    app.exit(e);
  }
  return clearance::cli::kError;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace clearance::cli;
  CLI::App app{"clearance: may this AI model be made available in this country for this use?"};
  app.name("clearance");
  app.require_subcommand(1);
  app.set_version_flag("--version", "clearance " + std::string(clearance::LibraryVersion()),
                       "Print the version of clearance and exit");
  app.footer(kFooter);
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
  add(AddCompile(app));
  if (argc < 2) {
    std::cout << app.help();
    return kPositive;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return ParseFailed(app, e, argc, argv);
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
