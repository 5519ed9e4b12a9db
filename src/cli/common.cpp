#include "cli/common.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <fstream>
#include <sstream>

#include "clearance/snapshot.hpp"

namespace clearance::cli {

std::string ReadSecretFile(const std::string& path, const std::string& flag) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError{"error: " + flag + ": cannot read '" + path + "'"};
  std::ostringstream text;
  text << file.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back()))) secret.pop_back();
  if (secret.empty()) throw UsageError{"error: " + flag + ": '" + path + "' is empty"};
  return secret;
}

void AddLoadFlags(CLI::App& app, LoadFlags& flags, bool compiled_option) {
  app.add_option("--root", flags.root, "Confine policy files to this folder");
  app.add_flag("--allow-absolute", flags.allow_absolute, "Allow absolute include/extends paths");
  if (compiled_option) {
    app.add_option("--compiled", flags.compiled,
                   "Read the policy from this compiled snapshot (`clearance compile`) instead of the policy "
                   "argument; a policy argument that is a snapshot is read as one too");
  }
  app.add_option("--snapshot-key", flags.snapshot_key,
                 "A file holding the key compiled snapshots were signed with (`clearance compile --snapshot-key`)");
}

LoadOptions MakeLoadOptions(const LoadFlags& flags) {
  LoadOptions options;
  options.resolver = MakeFileResolver({flags.root, flags.allow_absolute});
  if (!flags.snapshot_key.empty()) options.snapshot_key = ReadSecretFile(flags.snapshot_key, "--snapshot-key");
  return options;
}

std::string PolicyPath(const std::string& positional, const std::string& compiled, const std::string& what) {
  const std::string flag = what == "policy" ? "--compiled" : "--" + what + "-compiled";
  const std::string file = what == "policy" ? "the policy's root file" : "the " + what + " policy's root file";
  if (positional.empty() && compiled.empty()) {
    throw UsageError{"error: " + what + " is required (" + file + ", or " + flag + " FILE)"};
  }
  if (!positional.empty() && !compiled.empty()) {
    throw UsageError{"error: give " + file + " or " + flag + ", not both"};
  }
  if (positional.empty() && !IsSnapshotFile(compiled)) {
    const bool readable = std::ifstream(compiled).good();
    throw UsageError{"error: " + flag + ": '" + compiled + "' " +
                     (readable ? "is not a compiled snapshot (`clearance compile POLICY -o FILE` writes one)"
                               : "cannot be read")};
  }
  return positional.empty() ? compiled : positional;
}

Policy LoadOrFail(const std::string& path, const LoadFlags& flags) {
  return LoadPathOrFail(PolicyPath(path, flags.compiled), flags);
}

Policy LoadPathOrFail(const std::string& path, const LoadFlags& flags) {
  Result<Policy> policy = LoadPolicyOrCompiled(path, MakeLoadOptions(flags));
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
