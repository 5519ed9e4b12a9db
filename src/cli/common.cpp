#include "cli/common.hpp"

#include <CLI/CLI.hpp>

namespace clearance::cli {

void AddLoadFlags(CLI::App& app, LoadFlags& flags) {
  app.add_option("--root", flags.root, "Confine policy files to this folder");
  app.add_flag("--allow-absolute", flags.allow_absolute, "Allow absolute include/extends paths");
}

Policy LoadOrFail(const std::string& path, const LoadFlags& flags) {
  LoadOptions options;
  options.resolver = MakeFileResolver({flags.root, flags.allow_absolute});
  Result<Policy> policy = LoadPolicy(path, options);
  if (!policy) {
    std::string text = policy.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  return std::move(*policy);
}

Date AsOfDate(const std::string& text, const std::string& flag) {
  if (text.empty()) return Date::TodayUtc();
  auto date = Date::Parse(text);
  if (!date) throw UsageError{"error: " + flag + ": '" + text + "' is not a date YYYY-MM-DD"};
  return *date;
}

}  // namespace clearance::cli
