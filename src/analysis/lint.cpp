// The lint findings that need no graph (dates, groups), and the ordering of
// every finding into diagnostics.
#include "analysis/lint.hpp"

#include <algorithm>
#include <tuple>

#include "base/lint_codes.hpp"

namespace clearance::analysis {
namespace {

// docs/cli.md's table order, for findings at the same place.
int CodeRank(const std::string& code) {
  const auto* it = std::find(kLintWarningCodes.begin(), kLintWarningCodes.end(), code);
  return static_cast<int>(it - kLintWarningCodes.begin());
}

bool Listed(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// A rule or group may silence codes for itself (`lint: {ignore: [...]}`).
bool SilencedInPlace(const resolve::ResolvedPolicy& policy, const LintFinding& f) {
  if (!f.rule.empty()) {
    auto r = policy.rule_index.find(f.rule);
    return r != policy.rule_index.end() && Listed(policy.rules[r->second].lint_ignore, f.code);
  }
  if (f.group.empty()) return false;
  auto d = policy.dim_index.find(f.dimension);
  if (d == policy.dim_index.end()) return false;
  const resolve::Dimension& dim = policy.dims[d->second];
  auto g = dim.group_index.find(f.group);
  return g != dim.group_index.end() && Listed(dim.group_lint_ignore[g->second], f.code);
}

LintFinding GroupFinding(const resolve::Dimension& dim, std::uint32_t group, std::string code, std::string message) {
  LintFinding f;
  f.mark = dim.group_marks.size() > group ? dim.group_marks[group] : Mark{};
  f.code = std::move(code);
  f.message = std::move(message);
  f.group = dim.info.groups[group].name;
  f.dimension = dim.info.name;
  return f;
}

// Per dimension, per group: whether a rule's `when` or a group definition
// names it.
std::vector<std::vector<bool>> NamedGroups(const resolve::ResolvedPolicy& policy) {
  std::vector<std::vector<bool>> named(policy.dims.size());
  for (std::size_t d = 0; d < policy.dims.size(); ++d) {
    const resolve::Dimension& dim = policy.dims[d];
    named[d].assign(dim.info.groups.size(), false);
    for (const auto& refs : dim.group_refs) {
      for (std::uint32_t g : refs) named[d][g] = true;
    }
  }
  for (const resolve::Rule& rule : policy.rules) {
    for (auto [d, g] : rule.groups_named) named[d][g] = true;
  }
  // A group a `like` dimension shares with its source is one group, named
  // when either dimension names it (docs/language.md Lint).
  for (std::size_t d = 0; d < policy.dims.size(); ++d) {
    const resolve::Dimension& dim = policy.dims[d];
    if (!dim.like) continue;
    for (std::size_t g = 0; g < dim.shared_groups; ++g) {
      if (named[d][g]) named[*dim.like][g] = true;
    }
  }
  return named;
}

}  // namespace

void LintDates(const resolve::ResolvedPolicy& policy, Date as_of, std::vector<LintFinding>& out) {
  for (const resolve::Rule& rule : policy.rules) {
    if (!rule.info.expires || as_of < *rule.info.expires) continue;
    LintFinding f;
    f.mark = rule.expires_mark;
    f.code = "expired";
    f.message = "rule '" + rule.info.id + "' expired on " + rule.info.expires->ToString() +
                " (on or before the as-of date " + as_of.ToString() + ")";
    f.rule = rule.info.id;
    out.push_back(std::move(f));
  }
}

void LintGroups(const resolve::ResolvedPolicy& policy, std::vector<LintFinding>& out) {
  const auto named = NamedGroups(policy);
  for (std::size_t d = 0; d < policy.dims.size(); ++d) {
    const resolve::Dimension& dim = policy.dims[d];
    // Shared groups are reported once, under the dimension that declares them.
    for (auto g = static_cast<std::uint32_t>(dim.shared_groups); g < dim.info.groups.size(); ++g) {
      const std::string subject = "group '" + dim.info.groups[g].name + "' of dimension '" + dim.info.name + "'";
      if (dim.group_sets[g].OnSomeDate().none()) {
        out.push_back(GroupFinding(dim, g, "empty-group", subject + " has no values"));
      }
      // Included files are shared libraries of groups: only the root file's
      // own groups can be unused.
      const bool in_root_file = dim.group_marks[g].file == policy.root_mark.file;
      if (!named[d][g] && in_root_file) {
        out.push_back(GroupFinding(dim, g, "unused", subject + " is not named by any rule or group"));
      }
    }
  }
}

std::vector<Diagnostic> ToDiagnostics(std::vector<LintFinding> findings, const SourceTable& sources) {
  std::stable_sort(findings.begin(), findings.end(), [](const LintFinding& a, const LintFinding& b) {
    return std::tuple(a.mark.file, a.mark.line, a.mark.col, CodeRank(a.code)) <
           std::tuple(b.mark.file, b.mark.line, b.mark.col, CodeRank(b.code));
  });
  std::vector<Diagnostic> out;
  out.reserve(findings.size());
  for (LintFinding& f : findings) {
    Diagnostic d;
    d.where = sources.Locate(f.mark);
    d.severity = Severity::kWarning;
    d.code = std::move(f.code);
    d.message = std::move(f.message);
    d.context = sources.Context(f.mark);
    d.rule = std::move(f.rule);
    d.group = std::move(f.group);
    d.dimension = std::move(f.dimension);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Diagnostic> LintResolved(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
                                     const SourceTable& sources, Date as_of) {
  std::vector<LintFinding> findings;
  LintRules(policy, graph, findings);
  LintDates(policy, as_of, findings);
  LintGroups(policy, findings);
  std::erase_if(findings, [&](const LintFinding& f) { return SilencedInPlace(policy, f); });
  return ToDiagnostics(std::move(findings), sources);
}

}  // namespace clearance::analysis
