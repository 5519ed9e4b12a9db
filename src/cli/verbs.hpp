// Each verb registers its subcommand and returns the code to exit with.
#pragma once

#include <functional>

namespace CLI { class App; }

namespace clearance::cli {

using VerbRunner = std::function<int()>;

VerbRunner AddCheck(CLI::App& app);
VerbRunner AddTest(CLI::App& app);
VerbRunner AddBatch(CLI::App& app);
VerbRunner AddLint(CLI::App& app);
VerbRunner AddDiff(CLI::App& app);
VerbRunner AddMatrix(CLI::App& app);
VerbRunner AddGraph(CLI::App& app);
VerbRunner AddReplay(CLI::App& app);
VerbRunner AddServe(CLI::App& app);
VerbRunner AddCompile(CLI::App& app);

}  // namespace clearance::cli
