// Resident memory of a loaded policy, per number of rules: each size is
// loaded in a child process of its own, so that one size's peak or heap
// does not hide another's. Printed beside the decision graph's own size.
//
//   build/bench/clearance_load_memory                 # 10 ... 10 000 (and 100 000 with
//   CLEARANCE_BENCH_100K=1) build/bench/clearance_load_memory 10000 100000    # chosen sizes
//   build/bench/clearance_load_memory --compiled 10000 # from a compiled snapshot
//
// With --compiled, another child first loads the YAML and saves a snapshot;
// the measured child reads only the snapshot (LoadCompiled), as a service
// started from one does; "yaml_MiB" is then the snapshot's size.
//
// Columns: the YAML text, one load (LoadPolicyFromString: parse, resolve,
// compile, strict check; wall time of a single run, so noisy), the graph's
// memory_bytes(), the live heap (mallinfo2) and the resident growth once the policy is loaded and the
// YAML text freed (what a service holding the policy pays), and the
// process's peak resident size (getrusage ru_maxrss, during loading).
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "api/policy_access.hpp"
#include "clearance/snapshot.hpp"
#include "workload.hpp"

namespace clearance::bench {
namespace {

constexpr double kMiB = 1 << 20;

// Resident bytes now (/proc/self/statm), after returning freed heap to the
// system so that the figure is what is held, not what was once touched.
double ResidentBytes() {
  malloc_trim(0);
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

double HeapInUseBytes() { return static_cast<double>(mallinfo2().uordblks); }

double PeakResidentBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024;  // kilobytes on Linux
}

std::string SnapshotPath(std::size_t rules) {
  return "/tmp/clearance-load-memory-" + std::to_string(getpid()) + "-" + std::to_string(rules) + ".clearance";
}

int SaveSnapshot(std::size_t rules, const std::string& path) {
  auto policy = LoadPolicyFromString("bench.yaml", MakeWorkloadYaml({.rules = rules}), WorkloadLoadOptions(rules));
  return policy && SaveCompiled(*policy, path) ? 0 : 1;
}

int Measure(std::size_t rules, const std::string& snapshot) {
  const double before = ResidentBytes();
  const double heap_before = HeapInUseBytes();
  std::string yaml = snapshot.empty() ? MakeWorkloadYaml({.rules = rules}) : std::string();
  const double yaml_bytes = static_cast<double>(snapshot.empty() ? yaml.size() : std::filesystem::file_size(snapshot));
  const auto start = std::chrono::steady_clock::now();
  auto policy = snapshot.empty() ? LoadPolicyFromString("bench.yaml", yaml, WorkloadLoadOptions(rules))
                                 : LoadCompiled(snapshot);
  const auto stop = std::chrono::steady_clock::now();
  if (!policy) {
    std::fprintf(stderr, "%s\n", policy.error().ToString().c_str());
    return 1;
  }
  std::string().swap(yaml);
  const double held = ResidentBytes() - before;
  const double heap = HeapInUseBytes() - heap_before;
  const compile::DecisionGraph& graph = internal::DataOf(*policy).graph;
  std::printf("%8zu %9.2f %10.1f %9.2f %8zu %9.2f %12.2f %12.2f\n", rules, yaml_bytes / kMiB,
              std::chrono::duration<double, std::milli>(stop - start).count(),
              static_cast<double>(graph.memory_bytes()) / kMiB, graph.node_count(), heap / kMiB, held / kMiB,
              PeakResidentBytes() / kMiB);
  return 0;
}

template <class Work>
int InChild(Work work) {
  std::fflush(stdout);
  const pid_t child = fork();
  if (child == 0) {
    const int status = work();
    std::fflush(stdout);  // _Exit does not
    std::_Exit(status);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

// One child process per size (and one more to write the snapshot).
int MeasureApart(std::size_t rules, bool compiled) {
  if (!compiled) return InChild([&] { return Measure(rules, {}); });
  const std::string path = SnapshotPath(rules);
  int status = InChild([&] { return SaveSnapshot(rules, path); });
  if (status == 0) status = InChild([&] { return Measure(rules, path); });
  std::filesystem::remove(path);
  return status;
}

}  // namespace
}  // namespace clearance::bench

int main(int argc, char** argv) {
  using namespace clearance::bench;
  std::vector<std::int64_t> sizes;
  bool compiled = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--compiled") {
      compiled = true;
    } else {
      sizes.push_back(std::atoll(argv[i]));
    }
  }
  if (sizes.empty()) sizes = RuleSizes();
  std::printf("%8s %9s %10s %9s %8s %9s %12s %12s\n", "rules", "yaml_MiB", "load_ms", "graph_MiB", "nodes",
              "heap_MiB", "resident_MiB", "peak_MiB");
  int failures = 0;
  for (std::int64_t n : sizes) failures += MeasureApart(static_cast<std::size_t>(n), compiled) != 0;
  return failures == 0 ? 0 : 1;
}
