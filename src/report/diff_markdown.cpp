// `clearance diff --format markdown`: for a review (a pull request on a
// policy): the summary as tables, each region, and the decisive rules with
// their justification and source.
#include <algorithm>
#include <sstream>

#include "report/diff_common.hpp"
#include "report/diff_render.hpp"

namespace clearance::report {

namespace {

constexpr std::size_t kMaxValues = 24;

// Table cells: no pipes or line breaks.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string Code(const std::string& text) { return "`" + Cell(text) + "`"; }

std::string CodeList(const std::vector<std::string>& ids) {
  if (ids.empty()) return "none (the default)";
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + Code(id);
  return out;
}

void Summary(std::ostream& out, const DiffReport& r) {
  out << "# Policy diff: " << Code(r.old_policy.name) << " → " << Code(r.new_policy.name) << "\n\n";
  out << "| | old | new |\n|---|---|---|\n";
  out << "| policy | " << Code(r.old_policy.name) << " | " << Code(r.new_policy.name) << " |\n";
  out << "| digest | " << Code(r.old_policy.digest) << " | " << Code(r.new_policy.digest) << " |\n";
  if (r.all_dates) {
    out << "| date | every date (" << r.intervals << " intervals) | every date |\n\n";
  } else {
    out << "| date | " << r.date.ToString() << " | " << r.to_date.value_or(r.date).ToString() << " |\n\n";
  }
  out << "**" << r.queries << (r.all_dates ? "** query × interval pairs compared (" : "** queries compared (");
  for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
    out << (d ? " × " : "") << Cell(r.dimensions[d]) << " " << r.compared_values[d].size();
  }
  if (r.all_dates) out << " × intervals " << r.intervals;
  out << "); **" << r.changed << "** changed in **" << r.regions.size() << "** "
      << (r.regions.size() == 1 ? "region" : "regions")
      << " (by " << ByText(r.by) << ").\n\n";
  if (r.regions.empty()) return;
  out << "| transition | queries | regions |\n|---|---:|---:|\n";
  for (const TransitionTotal& t : TotalsByTransition(r)) {
    out << "| " << TransitionText(t.from, t.to) << " | " << t.queries << " | " << t.regions << " |\n";
  }
  out << "\n";
}

void OneSided(std::ostream& out, const DiffReport& r) {
  if (!HasNotCompared(r)) return;
  out << "## Not compared\n\n";
  const auto list = [&](const ValuesByDimension& lists, const char* side) {
    for (const auto& [dim, values] : lists) {
      if (values.empty()) continue;
      out << "- only in the " << side << " policy, " << Code(dim) << ": ";
      for (std::size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << Code(values[i]);
      out << "\n";
    }
  };
  list(r.only_old, "old");
  list(r.only_new, "new");
  for (const auto& [dim, value] : r.fixed_old)
    out << "- " << Code(dim) << " fixed to " << Code(value) << " (old policy only)\n";
  for (const auto& [dim, value] : r.fixed_new)
    out << "- " << Code(dim) << " fixed to " << Code(value) << " (new policy only)\n";
  if (r.old_only_queries.queries > 0) out << "- the old policy's own values " << OneSidedText(r.old_only_queries) << "\n";
  if (r.new_only_queries.queries > 0) out << "- the new policy's own values " << OneSidedText(r.new_only_queries) << "\n";
  if (r.queries == 0) out << "- no query is compared: the policies share no value of some dimension\n";
  out << "\nThe policies differ: they do not declare the same values.\n\n";
}

void TimelineTable(std::ostream& out, const DiffReport& r) {
  const std::vector<TimelineStep> steps = Timeline(r);
  if (steps.empty()) return;
  out << "## Timeline\n\n| date | regions beginning | regions ending |\n|---|---|---|\n";
  for (const TimelineStep& s : steps) {
    out << "| " << s.date.ToString() << " | " << NumberList(s.starting) << " | " << NumberList(s.ending) << " |\n";
  }
  out << "\n";
}

void Regions(std::ostream& out, const DiffReport& r, const Policy& old_policy) {
  if (r.regions.empty()) return;
  out << "## Regions\n\n";
  for (std::size_t i = 0; i < r.regions.size(); ++i) {
    const DiffRegion& region = r.regions[i];
    out << "### " << i + 1 << ". " << TransitionText(region.from, region.to) << " (" << region.count
        << (region.count == 1 ? " query)\n\n" : " queries)\n\n");
    out << "| dimension | values |\n|---|---|\n";
    for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
      const auto items = FoldValues(old_policy, r.dimensions[d], region.values[d]);
      out << "| " << Cell(r.dimensions[d]) << " | " << Cell(DescribeFolded(items, kMaxValues, true)) << " |\n";
    }
    out << "\n";
    if (r.all_dates) out << "- dates: " << DateRangeText(region) << "\n";
    out << "- old decisive: " << CodeList(region.old_decisive) << "\n";
    out << "- new decisive: " << CodeList(region.new_decisive) << "\n";
    out << "- outcomes: " << Cell(JoinOr(region.old_outcomes, ", ", "none")) << " → "
        << Cell(JoinOr(region.new_outcomes, ", ", "none")) << "\n";
    out << "- obligations: " << Cell(JoinOr(region.old_obligations, "; ", "none")) << " → "
        << Cell(JoinOr(region.new_obligations, "; ", "none")) << "\n\n";
  }
}

void RuleRows(std::ostream& out, const Policy& policy, const char* side,
              const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    const auto index = policy.FindRule(id);
    if (!index) continue;
    const RuleInfo& rule = policy.rules()[*index];
    out << "| " << Code(id) << " | " << side << " | " << ToString(rule.effect) << " | "
        << Cell(RuleSource(rule)) << " | " << Cell(rule.because) << " | " << Cell(rule.cite) << " |\n";
  }
}

void Rules(std::ostream& out, const DiffReport& r, const Policy& old_policy, const Policy& new_policy) {
  std::vector<std::string> old_ids, new_ids;
  const auto add = [](std::vector<std::string>& to, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
      if (std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
    }
  };
  for (const DiffRegion& region : r.regions) {
    add(old_ids, region.old_decisive);
    add(new_ids, region.new_decisive);
  }
  if (old_ids.empty() && new_ids.empty()) return;
  out << "## Decisive rules\n\n| rule | policy | effect | source | because | cite "
         "|\n|---|---|---|---|---|---|\n";
  RuleRows(out, old_policy, "old", old_ids);
  RuleRows(out, new_policy, "new", new_ids);
}

}  // namespace

std::string DiffMarkdown(const DiffReport& report, const Policy& old_policy, const Policy& new_policy) {
  std::ostringstream out;
  Summary(out, report);
  OneSided(out, report);
  if (report.all_dates) TimelineTable(out, report);
  Regions(out, report, old_policy);
  Rules(out, report, old_policy, new_policy);
  return out.str();
}

}  // namespace clearance::report
