#include "suite/runner.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "clearance/snapshot.hpp"
#include "suite/file.hpp"
#include "suite/plan.hpp"

namespace clearance::analysis {
namespace {

namespace fs = std::filesystem;

// A diagnostic about a path argument: no file position, the message names it.
constexpr Mark kNoPlace{UINT32_MAX, 0, 0};

bool IsTestFileName(const fs::path& path) {
  const std::string name = path.filename().string();
  constexpr std::string_view kSuffix = ".test.yaml";
  return name.size() > kSuffix.size() && name.ends_with(kSuffix);
}

// A policy named by one or more test files, loaded once.
struct PolicyEntry {
  std::string name;  // as located
  std::optional<Policy> policy;
  // When it failed to load; reported after the first test file naming it.
  std::vector<Diagnostic> load_errors;
  std::vector<RuleTally> tallies;  // per rule
  bool run = false;                // some case of it was run
};

struct FileEntry {
  TestFileDoc doc;
  std::size_t policy = SIZE_MAX;  // index in policies_
  std::vector<TestPlan> plans;
};

class Runner {
 public:
  explicit Runner(const TestOptions& options) : options_(options) {
    options_.load.resolver = options.load.resolver ? options.load.resolver : MakeFileResolver();
  }

  Result<TestReport> Run(const std::vector<std::string>& paths);

 private:
  void ReadTestFiles(const std::vector<std::string>& paths);
  std::size_t PolicyFor(const TestFileDoc& doc);
  void PlanCases(FileEntry& file);
  bool Selected(const TestPlan& plan) const;
  TestReport RunPlans();
  PolicyCoverage Coverage(const PolicyEntry& entry) const;

  TestOptions options_;
  SourceTable sources_;
  Diagnostics diags_{sources_};
  std::vector<FileEntry> files_;
  std::vector<PolicyEntry> policies_;
  std::map<std::string, std::size_t> policy_index_;
  std::optional<std::regex> run_;  // TestOptions::run, compiled
};

void Runner::ReadTestFiles(const std::vector<std::string>& paths) {
  SourceResolver& resolver = *options_.load.resolver;
  std::set<std::string> seen;
  for (const std::string& path : paths) {
    Result<std::string> name = resolver.Locate("", path);
    Result<std::string> text =
        name ? resolver.Read(*name, options_.load.limits.max_file_bytes) : name.error();
    if (!text) {
      diags_.Error(kNoPlace, "io",
                   "cannot read '" + path + "': " + text.error().diagnostics().front().message);
      continue;
    }
    if (!seen.insert(*name).second) continue;
    const std::uint32_t file = sources_.Add(*name, std::move(*text));
    if (auto doc = ReadTestFile(sources_, file, options_.load.limits, diags_)) {
      files_.push_back({std::move(*doc), SIZE_MAX, {}});
    }
  }
}

// The index of the test file's policy, loading it on first use; SIZE_MAX
// when it cannot be loaded (reported at the test file's `policy`).
std::size_t Runner::PolicyFor(const TestFileDoc& doc) {
  if (doc.policy.text.empty()) return SIZE_MAX;
  const std::string& test_file = sources_.file(doc.file).name;
  Result<std::string> name = options_.load.resolver->Locate(test_file, doc.policy.text);
  if (!name) {
    diags_.Error(
        doc.policy.mark, "io",
        "cannot use policy '" + doc.policy.text + "': " + name.error().diagnostics().front().message);
    return SIZE_MAX;
  }
  auto [it, added] = policy_index_.emplace(*name, policies_.size());
  if (added) {
    PolicyEntry entry{*name, std::nullopt, {}, {}, false};
    Result<Policy> policy = LoadPolicyOrCompiled(*name, options_.load);
    if (policy) {
      entry.tallies.assign(policy->rules().size(), RuleTally{});
      entry.policy = std::move(*policy);
    } else {
      entry.load_errors = policy.error().diagnostics();
    }
    policies_.push_back(std::move(entry));
  }
  PolicyEntry& entry = policies_[it->second];
  if (!entry.policy) {
    diags_.Error(doc.policy.mark, "policy",
                 "policy '" + *name + "' does not load" +
                     (added ? " (its errors follow)" : " (its errors are above)"));
    if (added) {
      for (const Diagnostic& d : entry.load_errors) diags_.Add(d);
    }
    return SIZE_MAX;
  }
  return it->second;
}

void Runner::PlanCases(FileEntry& file) {
  const Policy& policy = *policies_[file.policy].policy;
  const Date date = file.doc.date ? *file.doc.date : options_.as_of.value_or(Date::TodayUtc());
  for (const TestCaseDoc& c : file.doc.cases) {
    if (auto plan = PlanCase(policy, c, date, options_.load.limits, diags_))
      file.plans.push_back(std::move(*plan));
  }
}

bool Runner::Selected(const TestPlan& plan) const {
  return !run_ || std::regex_search(plan.doc->name.text, *run_);
}

TestReport Runner::RunPlans() {
  TestReport report;
  for (const FileEntry& file : files_) {
    PolicyEntry& entry = policies_[file.policy];
    TestFileResult result{sources_.file(file.doc.file).name, entry.name, {}, 0, 0};
    for (const TestPlan& plan : file.plans) {
      if (!Selected(plan)) continue;
      result.cases.push_back(RunCase(*entry.policy, plan, sources_, entry.tallies));
      result.passed += result.cases.back().passed;
      result.failed += result.cases.back().failed;
    }
    if (result.cases.empty() && run_) continue;  // --run selected none of its cases
    entry.run = true;
    report.passed += result.passed;
    report.failed += result.failed;
    report.files.push_back(std::move(result));
  }
  for (const PolicyEntry& entry : policies_) {
    if (entry.run) report.coverage.push_back(Coverage(entry));
  }
  return report;
}

PolicyCoverage Runner::Coverage(const PolicyEntry& entry) const {
  const std::vector<RuleInfo>& rules = entry.policy->rules();
  PolicyCoverage coverage{entry.name, entry.policy->name(), rules.size(), {}, {}};
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const RuleTally& tally = entry.tallies[r];
    if (tally.queries == 0) coverage.uncovered.push_back(rules[r].id);
    coverage.per_rule.push_back({rules[r].id, rules[r].where.file + ':' + std::to_string(rules[r].where.line),
                                 tally.queries, tally.cases});
  }
  return coverage;
}

Result<TestReport> Runner::Run(const std::vector<std::string>& paths) {
  if (!options_.run.empty()) {
    try {
      run_.emplace(options_.run, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return Error::Message("--run: '" + options_.run + "' is not a regular expression: " + e.what(), "run");
    }
  }
  ReadTestFiles(ExpandTestPaths(paths, diags_));
  if (files_.empty() && !diags_.has_errors()) diags_.Error(kNoPlace, "io", "no test file given");
  for (FileEntry& file : files_) {
    file.policy = PolicyFor(file.doc);
    if (file.policy != SIZE_MAX) PlanCases(file);
  }
  if (diags_.has_errors()) return diags_.ToError();
  TestReport report = RunPlans();
  if (run_ && report.files.empty()) {
    return Error::Message("--run: no case name matches '" + options_.run + "'", "run");
  }
  return report;
}

}  // namespace

std::vector<std::string> ExpandTestPaths(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code file_ec;
      if (IsTestFileName(it->path()) && it->is_regular_file(file_ec))
        found.push_back(it->path().generic_string());
    }
    if (ec) {
      diagnostics.Error(kNoPlace, "io", "cannot list '" + path + "': " + ec.message());
    } else if (found.empty()) {
      diagnostics.Error(kNoPlace, "io", "no *.test.yaml file under '" + path + "'");
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace clearance::analysis

namespace clearance {

Result<TestReport> RunTestFiles(const std::vector<std::string>& paths, const TestOptions& options) {
  return analysis::Runner(options).Run(paths);
}

}  // namespace clearance
