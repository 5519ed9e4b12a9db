// Did-you-mean for the command line: when CLI11 rejects a command line, the
// argument at fault is looked up among the verbs, or among the options of
// the verb given, so that `clearance chekc` and `--modle` name what was meant.
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace clearance::cli {

// A message for the first unknown verb or option in argv, with the closest
// known names ("error: unknown command 'chekc'; did you mean 'check'?")
// and a second line saying where the list is;
// nothing when every verb and option is known (the mistake is elsewhere).
std::optional<std::string> UnknownArgument(const CLI::App& app, int argc, const char* const* argv);

}  // namespace clearance::cli
