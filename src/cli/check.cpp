// clearance check POLICY --model M --country C --use U [--set DIM=VALUE]...
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "clearance/json.hpp"
#include "clearance/report.hpp"

namespace clearance::cli {
namespace {

struct CheckFlags {
  std::string policy;
  std::string model, country, use;
  std::vector<std::string> sets;
  std::string date;
  bool explain = false;
  bool alternatives = false;
  std::string format = "text";
  LoadFlags load;
};

Assignments ParseAssignments(const CheckFlags& f) {
  Assignments out;
  if (!f.model.empty()) out.emplace_back("model", f.model);
  if (!f.country.empty()) out.emplace_back("country", f.country);
  if (!f.use.empty()) out.emplace_back("use", f.use);
  for (const std::string& s : f.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UsageError{"error: --set: '" + s + "' is not DIM=VALUE"};
    }
    out.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  return out;
}

// The option that gave `dimension`, so that a query error names it:
// "--country" for the short forms, else "--set".
std::string FlagOf(const CheckFlags& f, const std::string& dimension) {
  if (dimension.empty()) return {};
  if ((dimension == "model" && !f.model.empty()) || (dimension == "country" && !f.country.empty()) ||
      (dimension == "use" && !f.use.empty())) {
    return "--" + dimension + ": ";
  }
  return "--set: ";
}

int RunCheck(const CheckFlags& f) {
  const Date as_of = AsOfDate(f.date);
  const Policy policy = LoadOrFail(f.policy, f.load);
  Result<Query> query = policy.MakeQuery(ParseAssignments(f), as_of);
  if (!query) {
    const Diagnostic& why = query.error().diagnostics().front();
    throw UsageError{"error: " + FlagOf(f, why.dimension) + why.message};
  }
  const Decision d = policy.Explain(*query, f.explain ? TraceDetail::kAll : TraceDetail::kMatching);
  if (f.format == "json") {
    std::cout << (f.alternatives ? DecisionWithAlternativesToJson(policy, *query, d, 2)
                                 : DecisionToJson(policy, *query, d, 2))
              << '\n';
  } else {
    std::cout << DecisionToText(policy, *query, d);
    if (f.alternatives) std::cout << AlternativesToText(policy, *query);
  }
  return d.effect == Effect::kAllow ? kPositive : kNegative;
}

}  // namespace

VerbRunner AddCheck(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* sub = app.add_subcommand("check", "Decide one query, with its justification (exit 0 allow, 1 deny)");
  sub->add_option("policy", flags->policy, "The policy's root file (or --compiled FILE)");
  sub->add_option("--model", flags->model, "Short for --set model=M");
  sub->add_option("--country", flags->country, "Short for --set country=C");
  sub->add_option("--use", flags->use, "Short for --set use=U");
  sub->add_option("--set", flags->sets, "DIM=VALUE for any dimension (repeatable)");
  sub->add_option("--date", flags->date, "Decide as of this date YYYY-MM-DD (default: today, UTC)");
  sub->add_flag("--explain", flags->explain, "Also list rules that did not match or are inactive");
  sub->add_flag("--alternatives", flags->alternatives,
                "Also say what would give the other effect: per dimension the values that would, the dates "
                "the effect changes, else the smallest set of dimensions to change");
  sub->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunCheck(*flags); };
}

}  // namespace clearance::cli
