// clearance compile POLICY -o FILE [--snapshot-key KEYFILE]: load, check and
// compile the policy once and write it as a snapshot, which every verb then
// reads in milliseconds (--compiled FILE, or FILE in place of the policy).
// clearance compile --info FILE: what a snapshot holds (policy, digest,
// sources and their SHA-256), checked as reading it checks. Exit 0 done, 2
// errors.
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "clearance/snapshot.hpp"

namespace clearance::cli {
namespace {

struct CompileFlags {
  std::string policy;
  std::string output;
  std::string info;
  std::string format = "text";
  LoadFlags load;
};

std::string Size(std::size_t bytes) {
  char text[32];
  if (bytes < (1u << 20)) {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  }
  return text;
}

void Print(const std::string& verb, const std::string& file, const SnapshotInfo& info, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json out = {{"file", file},
                                  {"bytes", info.bytes},
                                  {"format_version", info.format_version},
                                  {"library_version", info.library_version},
                                  {"policy", info.policy_name},
                                  {"digest", info.digest},
                                  {"signed", info.keyed},
                                  {"sources", nlohmann::ordered_json::array()}};
    for (const SnapshotSource& s : info.sources) out["sources"].push_back({{"name", s.name}, {"sha256", s.sha256}});
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << verb << ' ' << file << " (" << Size(info.bytes) << ", snapshot format " << info.format_version
            << ", clearance " << info.library_version << (info.keyed ? ", signed" : "") << ")\n"
            << "policy  " << info.policy_name << "  " << info.digest << '\n'
            << "sources " << info.sources.size() << '\n';
  for (const SnapshotSource& s : info.sources) std::cout << "  " << s.name << "  sha256:" << s.sha256 << '\n';
}

int RunCompile(const CompileFlags& f) {
  const LoadOptions load = MakeLoadOptions(f.load);
  const SnapshotOptions options{load.snapshot_key};
  if (!f.info.empty()) {
    if (!f.policy.empty() || !f.output.empty()) throw UsageError{"error: --info takes no policy and no -o"};
    Result<SnapshotInfo> info = ReadSnapshotInfo(f.info, options);
    if (!info) throw UsageError{info.error().message()};
    Print("snapshot", f.info, *info, f.format);
    return kPositive;
  }
  if (f.policy.empty()) throw UsageError{"error: policy is required (the policy's root file to compile)"};
  if (f.output.empty()) throw UsageError{"error: -o FILE is required (where to write the snapshot)"};
  const Policy policy = LoadOrFail(f.policy, f.load);
  Result<SnapshotInfo> info = SaveCompiled(policy, f.output, options);
  if (!info) throw UsageError{info.error().message()};
  Print("wrote", f.output, *info, f.format);
  return kPositive;
}

}  // namespace

VerbRunner AddCompile(CLI::App& app) {
  auto flags = std::make_shared<CompileFlags>();
  CLI::App* sub = app.add_subcommand(
      "compile", "Compile a policy once into a snapshot that every verb reads in milliseconds (exit 0 done, 2 errors)");
  sub->add_option("policy", flags->policy, "The policy's root file");
  sub->add_option("-o,--output", flags->output, "The snapshot file to write (replaced whole, never half-written)");
  sub->add_option("--info", flags->info, "Describe this snapshot instead: policy, digest, sources, format");
  sub->add_option("--format", flags->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  AddLoadFlags(*sub, flags->load, false);
  return [flags] { return RunCompile(*flags); };
}

}  // namespace clearance::cli
