// `clearance diff --format text`: what a person reads in a terminal.
#include <algorithm>
#include <sstream>

#include "report/diff_common.hpp"
#include "report/diff_render.hpp"

namespace clearance::report {

namespace {

constexpr std::size_t kMaxItems = 8;

std::string ShortDigest(const std::string& digest) {
  const std::size_t keep = std::string("sha256:").size() + 12;
  return digest.size() > keep ? digest.substr(0, keep) + "…" : digest;
}

// "country ∈ tier-1 (18)", "use = research", "model ∈ {a, b, … 9 more} (11)".
std::string SetLine(const Policy& old_policy, const std::string& dim,
                    const std::vector<std::string>& values) {
  const std::vector<FoldedItem> items = FoldValues(old_policy, dim, values);
  if (items.size() == 1 && !items[0].group) return "= " + items[0].name;
  if (items.size() == 1) return "∈ " + DescribeFolded(items);
  return "∈ {" + DescribeFolded(items, kMaxItems) + "} (" + std::to_string(values.size()) + ")";
}

void Header(std::ostream& out, const DiffReport& r) {
  out << "old: " << r.old_policy.name << " (" << ShortDigest(r.old_policy.digest) << ")\n";
  out << "new: " << r.new_policy.name << " (" << ShortDigest(r.new_policy.digest) << ")\n";
  if (r.all_dates) {
    out << "dates: every date (" << r.intervals << (r.intervals == 1 ? " interval" : " intervals")
        << " between the policies' date bounds)\n";
  } else if (r.to_date) {
    out << "dates: old on " << r.date.ToString() << ", new on " << r.to_date->ToString() << "\n";
  } else {
    out << "date: " << r.date.ToString() << "\n";
  }
}

void Summary(std::ostream& out, const DiffReport& r) {
  out << (r.all_dates ? "query × interval pairs compared: " : "queries compared: ") << r.queries;
  for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
    out << (d == 0 ? " = " : " × ") << r.dimensions[d] << " " << r.compared_values[d].size();
  }
  if (r.all_dates) out << " × intervals " << r.intervals;
  out << (r.all_dates ? "\nquery × interval pairs changed: " : "\nqueries changed: ") << r.changed << " in " << r.regions.size()
      << (r.regions.size() == 1 ? " region" : " regions")
      << " (by " << ByText(r.by) << ")\n";
  for (const TransitionTotal& t : TotalsByTransition(r)) {
    out << "  " << TransitionText(t.from, t.to) << ": " << t.queries
        << (t.queries == 1 ? " query" : " queries") << " in " << t.regions
        << (t.regions == 1 ? " region\n" : " regions\n");
  }
}

void OneSidedLines(std::ostream& out, const DiffReport& r) {
  const auto list = [&](const ValuesByDimension& by_dim, const char* label) {
    for (const auto& [dim, values] : by_dim) {
      if (values.empty()) continue;
      std::vector<FoldedItem> items;
      for (const std::string& v : values) items.push_back({v, 1, false, ""});
      out << label << dim << ": " << DescribeFolded(items, kMaxItems) << " (" << values.size()
          << ", not compared)\n";
    }
  };
  list(r.only_old, "only in old: ");
  list(r.only_new, "only in new: ");
  for (const auto& [dim, value] : r.fixed_old)
    out << "fixed: " << dim << " = " << value << " (old policy only)\n";
  for (const auto& [dim, value] : r.fixed_new)
    out << "fixed: " << dim << " = " << value << " (new policy only)\n";
  if (r.old_only_queries.queries > 0) out << "only in old: " << OneSidedText(r.old_only_queries) << "\n";
  if (r.new_only_queries.queries > 0) out << "only in new: " << OneSidedText(r.new_only_queries) << "\n";
  if (r.queries == 0) out << "no query is compared: the policies share no value of some dimension\n";
  if (r.regions.empty() && HasNotCompared(r)) {
    out << "the policies differ: they do not declare the same values (exit 1)\n";
  }
}

void TimelineLines(std::ostream& out, const DiffReport& r) {
  const std::vector<TimelineStep> steps = Timeline(r);
  if (steps.empty()) return;
  out << "timeline:\n";
  for (const TimelineStep& s : steps) {
    out << "  " << s.date.ToString() << ":";
    if (!s.starting.empty()) out << " region" << (s.starting.size() == 1 ? " " : "s ") << NumberList(s.starting) << " begin"
                                 << (s.starting.size() == 1 ? "s" : "");
    if (!s.starting.empty() && !s.ending.empty()) out << ";";
    if (!s.ending.empty()) out << " region" << (s.ending.size() == 1 ? " " : "s ") << NumberList(s.ending) << " end"
                               << (s.ending.size() == 1 ? "s" : "");
    out << "\n";
  }
}

// One line per obligation: they are sentences, often with their own ';'.
void Obligations(std::ostream& out, const char* side, const std::vector<std::string>& obligations) {
  out << "  " << side << " obligations:" << (obligations.empty() ? " none\n" : "\n");
  for (const std::string& o : obligations) out << "    - " << o << "\n";
}

void Region(std::ostream& out, const DiffReport& r, std::size_t i, const Policy& old_policy) {
  const DiffRegion& region = r.regions[i];
  out << "\nregion " << i + 1 << " of " << r.regions.size() << ": " << TransitionText(region.from, region.to)
      << ", " << region.count << (region.count == 1 ? " query\n" : " queries\n");
  std::size_t width = 0;
  for (const std::string& d : r.dimensions) width = std::max(width, d.size());
  for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
    out << "  " << r.dimensions[d] << std::string(width - r.dimensions[d].size(), ' ') << " "
        << SetLine(old_policy, r.dimensions[d], region.values[d]) << "\n";
  }
  if (r.all_dates) out << "  dates" << std::string(width > 5 ? width - 5 : 0, ' ') << " " << DateRangeText(region) << "\n";
  out << "  old decisive: " << JoinOr(region.old_decisive, ", ", "none (the default)") << "\n";
  out << "  new decisive: " << JoinOr(region.new_decisive, ", ", "none (the default)") << "\n";
  out << "  old outcomes: " << JoinOr(region.old_outcomes, ", ", "none") << "\n";
  out << "  new outcomes: " << JoinOr(region.new_outcomes, ", ", "none") << "\n";
  Obligations(out, "old", region.old_obligations);
  Obligations(out, "new", region.new_obligations);
}

}  // namespace

std::string DiffText(const DiffReport& report, const Policy& old_policy, const Policy& /*new_policy*/) {
  std::ostringstream out;
  Header(out, report);
  Summary(out, report);
  OneSidedLines(out, report);
  if (report.all_dates) TimelineLines(out, report);
  for (std::size_t i = 0; i < report.regions.size(); ++i) Region(out, report, i, old_policy);
  return out.str();
}

}  // namespace clearance::report
