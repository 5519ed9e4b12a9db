#include "cli/suggest.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "clearance/diagnostic.hpp"

namespace clearance::cli {
namespace {

// "; did you mean 'a' or 'b'?" or "".
std::string Suggest(std::string_view name, const std::vector<std::string>& known) {
  const std::vector<std::string> close = ClosestNames(name, known, 2);
  if (close.empty()) return "";
  std::string out = "; did you mean '" + close[0] + "'";
  if (close.size() > 1) out += " or '" + close[1] + "'";
  return out + "?";
}

std::vector<std::string> VerbNames(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app.get_subcommands({})) out.push_back(sub->get_name());
  return out;
}

// Every spelling of the app's options: "--model", "-v", ...
std::vector<std::string> OptionNames(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) out.push_back("--" + name);
    for (const std::string& name : option->get_snames()) out.push_back("-" + name);
  }
  return out;
}

// A token that looks like an option; a negative number is a value.
bool LooksLikeOption(std::string_view arg) {
  if (arg.size() < 2 || arg[0] != '-') return false;
  return !std::isdigit(static_cast<unsigned char>(arg[1])) && arg[1] != '.';
}

// "--name=value" -> "--name"; "-vx" stays (CLI11 would split it; rare here).
std::string OptionName(std::string_view arg) { return std::string(arg.substr(0, arg.find('='))); }

std::optional<std::string> UnknownOption(const CLI::App& app, const std::string& where, int from, int argc,
                                         const char* const* argv) {
  const std::vector<std::string> known = OptionNames(app);
  for (int i = from; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (!LooksLikeOption(arg)) continue;
    const std::string name = OptionName(arg);
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    return "error: unknown option '" + name + "' for '" + where + "'" + Suggest(name, known) + "\nRun '" +
           where + " --help' for its options.";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> UnknownArgument(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2) return std::nullopt;
  const std::string verb = argv[1];
  if (LooksLikeOption(verb)) return UnknownOption(app, "clearance", 1, argc, argv);
  const std::vector<std::string> verbs = VerbNames(app);
  if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
    return "error: unknown command '" + verb + "'" + Suggest(verb, verbs) +
           "\nRun 'clearance --help' for the list of commands.";
  }
  return UnknownOption(*app.get_subcommand(verb), "clearance " + verb, 2, argc, argv);
}

}  // namespace clearance::cli
