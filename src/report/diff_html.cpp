// `clearance diff --format html`: one self-contained page (inline CSS, no
// scripts, no network) with the summary, a heat map of the changed queries
// and the regions with their decisive rules' because/cite/source.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <unordered_map>

#include "report/diff_common.hpp"
#include "report/diff_render.hpp"

namespace clearance::report {

namespace {

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#1d2430;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #d5dae1;padding-bottom:.2em}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f1f3f6;padding:0 .25em;border-radius:3px;word-break:break-all}
table{border-collapse:collapse}td,th{padding:.25em .6em;text-align:left;vertical-align:top}
.facts td,.facts th,.totals td,.totals th,.values td,.values th{border-bottom:1px solid #e3e7ec}
.num{text-align:right;font-variant-numeric:tabular-nums}
.big{font-size:1.25em}.allow{color:#005a8c;font-weight:600}.deny{color:#9a5a00;font-weight:600}
.facts code.digest{white-space:nowrap;word-break:normal}.scroll{overflow-x:auto;max-width:100%}
.heat{font-size:12px}.heat caption{text-align:left;caption-side:top;padding:.3em 0;color:#5a6472}.heat th{font-weight:500;white-space:nowrap}.heat thead th{writing-mode:vertical-rl;transform:rotate(180deg);height:9em;text-align:left}
.heat td{min-width:2.6em;height:1.6em;text-align:center;border:1px solid #fff;white-space:nowrap}.heat tr.group th{background:#eef1f5;font-weight:600;padding-top:.5em}
.heat td.none{background:#f6f7f9;color:#b0b6bf}.legend span{display:inline-block;padding:.1em .6em;margin-right:.5em;border-radius:3px;color:#fff}
.region{border:1px solid #d5dae1;border-radius:6px;padding:.4em 1em 1em;margin:1em 0}
.region h3{margin:.4em 0}.rule{border-left:3px solid #c5ccd6;padding:.2em .8em;margin:.5em 0}
.rule .cite,.rule .source{color:#5a6472;font-size:.92em}details summary{cursor:pointer;color:#33518a}
footer{margin-top:3em;color:#7a8390;font-size:.9em}
)";

std::string EffectSpan(clearance::Effect e) {
  const std::string name(ToString(e));
  return "<span class=\"" + name + "\">" + name + "</span>";
}

std::string Transition(clearance::Effect from, clearance::Effect to) {
  return EffectSpan(from) + " → " + EffectSpan(to);
}

std::string Code(const std::string& text) { return "<code>" + HtmlEscape(text) + "</code>"; }
// A digest is one unbreakable word; the summary table scrolls rather than
// wrap it mid-hash.
std::string Digest(const std::string& text) {
  return "<code class=\"digest\">" + HtmlEscape(text) + "</code>";
}

void Summary(std::ostream& out, const DiffReport& r) {
  const std::string new_date = r.all_dates ? "every date" : r.to_date.value_or(r.date).ToString();
  out << "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"scroll\">\n<table class=\"facts\">\n"
      << "<tr><th></th><th>policy</th><th>digest</th><th>date</th></tr>\n"
      << "<tr><th>old</th><td>" << Code(r.old_policy.name) << "</td><td>" << Digest(r.old_policy.digest)
      << "</td><td>"
      << (r.all_dates ? "every date (" + std::to_string(r.intervals) + " intervals)" : r.date.ToString())
      << "</td></tr>\n<tr><th>new</th><td>" << Code(r.new_policy.name) << "</td><td>"
      << Digest(r.new_policy.digest) << "</td><td>" << new_date
      << "</td></tr>\n</table>\n</div>\n<p class=\"big\"><b>" << r.queries << "</b> "
      << (r.all_dates ? "query × interval pairs compared" : "queries compared");
  for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
    out << (d ? " × " : " (") << HtmlEscape(r.dimensions[d]) << " " << r.compared_values[d].size();
  }
  if (r.all_dates) out << (r.dimensions.empty() ? " (" : " × ") << "intervals " << r.intervals;
  out << (r.dimensions.empty() && !r.all_dates ? "" : ")") << "; <b>" << r.changed << "</b> changed in <b>"
      << r.regions.size() << "</b> " << (r.regions.size() == 1 ? "region" : "regions") << " (by "
      << HtmlEscape(ByText(r.by)) << ").</p>\n";
  if (!r.regions.empty()) {
    out << "<table class=\"totals\"><tr><th>transition</th><th class=\"num\">queries</th><th "
           "class=\"num\">regions</th></tr>\n";
    for (const TransitionTotal& t : TotalsByTransition(r)) {
      out << "<tr><td>" << Transition(t.from, t.to) << "</td><td class=\"num\">" << t.queries
          << "</td><td class=\"num\">" << t.regions << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  out << "</section>\n";
}

// Changed queries per (row value, column value), with the directions seen.
class HeatMap {
 public:
  enum Direction : unsigned { kToAllow = 1, kToDeny = 2, kSameEffect = 4 };

  HeatMap(const DiffReport& r, HeatAxes axes) : r_(r), axes_(axes) {
    rows_ = r.compared_values[axes.rows].size();
    cols_ = axes.cols == SIZE_MAX ? 1 : r.compared_values[axes.cols].size();
    for (std::size_t dim : {axes.rows, axes.cols}) {
      if (dim == SIZE_MAX) continue;
      for (std::size_t i = 0; i < r.compared_values[dim].size(); ++i)
        index_[dim].emplace(r.compared_values[dim][i], i);
    }
    count_.assign(rows_ * cols_, 0);
    dir_.assign(rows_ * cols_, 0);
    for (const DiffRegion& region : r.regions) Add(region);
  }

  void Write(std::ostream& out, const Policy& old_policy) const {
    const std::string& row_dim = r_.dimensions[axes_.rows];
    std::vector<std::string> changed;
    for (std::size_t i = 0; i < rows_; ++i) {
      if (RowTotal(i) > 0) changed.push_back(r_.compared_values[axes_.rows][i]);
    }
    out << "<section id=\"heatmap\">\n<h2>Changed queries by " << HtmlEscape(row_dim);
    if (axes_.cols != SIZE_MAX) out << " and " << HtmlEscape(r_.dimensions[axes_.cols]);
    out << "</h2>\n";
    if (changed.empty()) {
      out << "<p>No query changes.</p>\n</section>\n";
      return;
    }
    Legend(out);
    out << "<div class=\"scroll\">\n<table class=\"heat\">\n<caption>Each cell counts the changed queries "
           "for "
        << "that " << HtmlEscape(row_dim)
        << (axes_.cols == SIZE_MAX ? "" : " and " + HtmlEscape(r_.dimensions[axes_.cols]))
        << " (over every other dimension); darker is more; the glyph gives the kind of change.</caption>\n"
        << "<thead><tr><th></th>";
    for (std::size_t c = 0; c < cols_; ++c) {
      out << "<th>" << (axes_.cols == SIZE_MAX ? "all" : HtmlEscape(r_.compared_values[axes_.cols][c]))
          << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    const auto items = FoldValues(old_policy, row_dim, changed, false);
    std::vector<std::string> loose;
    for (const FoldedItem& item : items) {
      if (!item.group) {
        loose.push_back(item.name);
        continue;
      }
      GroupRow(out, item.name + " (" + std::to_string(item.size) + ")");
      for (const std::string& v : Members(old_policy, row_dim, item.name)) Row(out, old_policy, v);
    }
    if (!loose.empty() && loose.size() < changed.size()) GroupRow(out, "other");
    for (const std::string& v : loose) Row(out, old_policy, v);
    out << "</tbody>\n</table>\n</div>\n<p>" << rows_ - changed.size() << " of " << rows_ << " "
        << HtmlEscape(row_dim) << " values have no changed query.</p>\n</section>\n";
  }

 private:
  std::size_t Index(std::size_t dim, const std::string& value) const { return index_.at(dim).at(value); }

  void Add(const DiffRegion& region) {
    const auto& rows = region.values[axes_.rows];
    const std::size_t ncols = axes_.cols == SIZE_MAX ? 1 : region.values[axes_.cols].size();
    const std::uint64_t each = region.count / (rows.size() * ncols);
    const unsigned dir = region.from == region.to                 ? kSameEffect
                         : region.to == clearance::Effect::kAllow ? kToAllow
                                                                  : kToDeny;
    for (const std::string& row : rows) {
      const std::size_t i = Index(axes_.rows, row);
      for (std::size_t c = 0; c < ncols; ++c) {
        const std::size_t j = axes_.cols == SIZE_MAX ? 0 : Index(axes_.cols, region.values[axes_.cols][c]);
        count_[i * cols_ + j] += each;
        dir_[i * cols_ + j] |= dir;
        max_ = std::max(max_, count_[i * cols_ + j]);
      }
    }
  }

  std::uint64_t RowTotal(std::size_t i) const {
    std::uint64_t total = 0;
    for (std::size_t j = 0; j < cols_; ++j) total += count_[i * cols_ + j];
    return total;
  }

  static std::vector<std::string> Members(const Policy& policy, const std::string& dim,
                                          const std::string& group) {
    const auto d = policy.FindDimension(dim);
    std::vector<std::string> out;
    for (const GroupInfo& g : policy.dimensions()[*d].groups) {
      if (g.name != group) continue;
      for (std::uint32_t m : g.members) out.push_back(policy.dimensions()[*d].values[m]);
    }
    return out;
  }

  void GroupRow(std::ostream& out, const std::string& title) const {
    out << "<tr class=\"group\"><th colspan=\"" << cols_ + 1 << "\">" << HtmlEscape(title) << "</th></tr>\n";
  }

  // A cell's kind: one direction, or several (kMixed) when regions of
  // different kinds meet in it.
  static constexpr unsigned kMixed = 8;
  static unsigned Kind(unsigned dir) {
    return dir == kToAllow || dir == kToDeny || dir == kSameEffect ? dir : kMixed;
  }
  // Okabe–Ito hues (blue to allow, orange to deny, grey for decisive-rule
  // changes, reddish purple for several kinds), darker for more; the glyph
  // says the same without colour.
  static std::string Colour(unsigned dir, double share) {
    const unsigned kind = Kind(dir);
    const int hue = kind == kToAllow ? 202 : kind == kToDeny ? 41 : kind == kSameEffect ? 0 : 326;
    const int saturation = kind == kSameEffect ? 0 : kind == kToDeny ? 100 : 80;
    const int light = static_cast<int>(std::lround(88 - 50 * share));
    return "hsl(" + std::to_string(hue) + "," + std::to_string(saturation) + "%," + std::to_string(light) +
           "%)";
  }
  static const char* Glyph(unsigned dir) {
    const unsigned kind = Kind(dir);
    return kind == kToAllow ? "↑" : kind == kToDeny ? "↓" : kind == kSameEffect ? "•" : "±";
  }
  static const char* Meaning(unsigned dir) {
    const unsigned kind = Kind(dir);
    return kind == kToAllow      ? "to allow"
           : kind == kToDeny     ? "to deny"
           : kind == kSameEffect ? "same effect, other decisive rules or outcomes"
                                 : "several kinds of change";
  }

  void Row(std::ostream& out, const Policy& policy, const std::string& value) const {
    const std::size_t i = Index(axes_.rows, value);
    const std::string label = ValueLabel(policy, r_.dimensions[axes_.rows], value);
    out << "<tr><th>" << HtmlEscape(label) << "</th>";
    for (std::size_t j = 0; j < cols_; ++j) {
      const std::uint64_t n = count_[i * cols_ + j];
      if (n == 0) {
        out << "<td class=\"none\">·</td>";
        continue;
      }
      const unsigned dir = dir_[i * cols_ + j];
      const double share = max_ == 0 ? 0 : static_cast<double>(n) / static_cast<double>(max_);
      out << "<td style=\"background:" << Colour(dir, share)
          << (share > 0.55 && Kind(dir) != kToDeny ? ";color:#fff" : "") << "\" title=\"" << HtmlEscape(label)
          << (axes_.cols == SIZE_MAX ? "" : " × " + HtmlEscape(r_.compared_values[axes_.cols][j])) << ": "
          << n << " changed queries, " << Meaning(dir) << "\">" << Glyph(dir) << n << "</td>";
    }
    out << "</tr>\n";
  }

  // Only the kinds that occur.
  void Legend(std::ostream& out) const {
    out << "<p class=\"legend\">";
    for (unsigned kind : {unsigned{kToAllow}, unsigned{kToDeny}, unsigned{kSameEffect}, kMixed}) {
      const bool occurs =
          std::any_of(dir_.begin(), dir_.end(), [&](unsigned d) { return d != 0 && Kind(d) == kind; });
      if (!occurs) continue;
      out << "<span style=\"background:" << Colour(kind, 1) << (kind == kToDeny ? ";color:#1d2430" : "")
          << "\">" << Glyph(kind) << " " << Meaning(kind) << "</span>";
    }
    out << "</p>\n";
  }

  const DiffReport& r_;
  HeatAxes axes_;
  std::size_t rows_ = 0, cols_ = 0;
  std::vector<std::uint64_t> count_;
  std::vector<unsigned> dir_;
  std::uint64_t max_ = 0;
  std::map<std::size_t, std::unordered_map<std::string, std::size_t>> index_;
};

void RuleCards(std::ostream& out, const Policy& policy, const char* side, const std::vector<std::string>& ids,
               const std::vector<std::string>& outcomes, const std::vector<std::string>& obligations) {
  out << "<p><b>" << side << " decisive:</b> ";
  if (ids.empty()) out << "none (the policy's default, " << EffectSpan(policy.default_effect()) << ")";
  out << "<br/><b>" << side << " outcomes:</b> " << HtmlEscape(JoinOr(outcomes, ", ", "none")) << "<br/><b>"
      << side << " obligations:</b> ";
  if (obligations.empty()) out << "none";
  for (std::size_t i = 0; i < obligations.size(); ++i) out << (i ? "; " : "") << HtmlEscape(obligations[i]);
  out << "</p>\n";
  for (const std::string& id : ids) {
    const auto index = policy.FindRule(id);
    if (!index) continue;
    const RuleInfo& rule = policy.rules()[*index];
    out << "<div class=\"rule\"><div>" << Code(id) << " " << EffectSpan(rule.effect) << "</div>";
    if (!rule.because.empty()) out << "<div class=\"because\">" << HtmlEscape(rule.because) << "</div>";
    if (!rule.cite.empty()) out << "<div class=\"cite\">" << HtmlEscape(rule.cite) << "</div>";
    const std::string source = RuleSource(rule);
    if (!source.empty()) out << "<div class=\"source\">" << HtmlEscape(source) << "</div>";
    out << "</div>\n";
  }
}

void Regions(std::ostream& out, const DiffReport& r, const Policy& old_policy, const Policy& new_policy) {
  out << "<section id=\"regions\">\n<h2>Regions</h2>\n";
  if (r.regions.empty()) out << "<p>No query changes.</p>\n";
  for (std::size_t i = 0; i < r.regions.size(); ++i) {
    const DiffRegion& region = r.regions[i];
    out << "<article class=\"region\" id=\"region-" << i + 1 << "\">\n<h3>" << i + 1 << ". "
        << Transition(region.from, region.to) << " — " << region.count
        << (region.count == 1 ? " query" : " queries") << "</h3>\n<table class=\"values\">\n";
    for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
      const auto& values = region.values[d];
      out << "<tr><th>" << HtmlEscape(r.dimensions[d]) << "</th><td>"
          << HtmlEscape(DescribeFolded(FoldValues(old_policy, r.dimensions[d], values), SIZE_MAX, true));
      if (values.size() > 1) {
        out << "<details><summary>" << values.size() << " values</summary>";
        for (std::size_t k = 0; k < values.size(); ++k) {
          out << (k ? ", " : "") << HtmlEscape(ValueLabel(old_policy, r.dimensions[d], values[k]));
        }
        out << "</details>";
      }
      out << "</td></tr>\n";
    }
    if (r.all_dates) out << "<tr><th>dates</th><td>" << HtmlEscape(DateRangeText(region)) << "</td></tr>\n";
    out << "</table>\n";
    RuleCards(out, old_policy, "old", region.old_decisive, region.old_outcomes, region.old_obligations);
    RuleCards(out, new_policy, "new", region.new_decisive, region.new_outcomes, region.new_obligations);
    out << "</article>\n";
  }
  out << "</section>\n";
}

void TimelineSection(std::ostream& out, const DiffReport& r) {
  out << "<section id=\"timeline\">\n<h2>Timeline</h2>\n";
  const std::vector<TimelineStep> steps = Timeline(r);
  if (steps.empty()) {
    out << "<p>No region begins or ends on a date: every change holds on every date.</p>\n</section>\n";
    return;
  }
  const auto links = [](const std::vector<std::size_t>& numbers) {
    std::string text;
    for (std::size_t n : numbers) {
      text += (text.empty() ? "" : ", ") + std::string("<a href=\"#region-") + std::to_string(n) + "\">" +
              std::to_string(n) + "</a>";
    }
    return text;
  };
  out << "<table class=\"totals\"><tr><th>date</th><th>regions beginning</th><th>regions ending</th></tr>\n";
  for (const TimelineStep& s : steps) {
    out << "<tr><td>" << s.date.ToString() << "</td><td>" << links(s.starting) << "</td><td>"
        << links(s.ending) << "</td></tr>\n";
  }
  out << "</table>\n</section>\n";
}

void NotCompared(std::ostream& out, const DiffReport& r) {
  std::ostringstream body;
  for (const auto& [lists, side] : {std::pair{&r.only_old, "old"}, std::pair{&r.only_new, "new"}}) {
    for (const auto& [dim, values] : *lists) {
      if (values.empty()) continue;
      body << "<li>only in the " << side << " policy, " << Code(dim) << ": ";
      for (std::size_t k = 0; k < values.size(); ++k) body << (k ? ", " : "") << HtmlEscape(values[k]);
      body << "</li>\n";
    }
  }
  for (const auto& [dim, value] : r.fixed_old)
    body << "<li>" << Code(dim) << " fixed to " << Code(value) << " (old policy only)</li>\n";
  for (const auto& [dim, value] : r.fixed_new)
    body << "<li>" << Code(dim) << " fixed to " << Code(value) << " (new policy only)</li>\n";
  if (r.old_only_queries.queries > 0)
    body << "<li>the old policy's own values " << HtmlEscape(OneSidedText(r.old_only_queries)) << "</li>\n";
  if (r.new_only_queries.queries > 0)
    body << "<li>the new policy's own values " << HtmlEscape(OneSidedText(r.new_only_queries)) << "</li>\n";
  if (r.queries == 0)
    body << "<li>no query is compared: the policies share no value of some dimension</li>\n";
  if (body.str().empty()) return;
  out << "<section id=\"not-compared\">\n<h2>Not compared</h2>\n<p>The policies differ: they do not "
         "declare the same values.</p>\n<ul>\n"
      << body.str() << "</ul>\n</section>\n";
}

}  // namespace

std::string DiffHtml(const DiffReport& report, const Policy& old_policy, const Policy& new_policy) {
  std::ostringstream out;
  const std::string title = "Policy diff: " + report.old_policy.name + " → " + report.new_policy.name;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
      << HtmlEscape(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<h1>"
      << HtmlEscape(title) << "</h1>\n";
  Summary(out, report);
  const HeatAxes axes = ChooseHeatAxes(report.dimensions);
  if (axes.rows != SIZE_MAX) HeatMap(report, axes).Write(out, old_policy);
  if (report.all_dates) TimelineSection(out, report);
  Regions(out, report, old_policy, new_policy);
  NotCompared(out, report);
  out << "<footer>Generated by <code>clearance diff</code>. Values are listed in the old policy's order; "
         "group "
         "names are the old policy's.</footer>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace clearance::report
