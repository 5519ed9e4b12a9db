#include "report/replay_render.hpp"

#include <ostream>
#include <sstream>

#include "report/diff_common.hpp"

namespace clearance::report {

namespace {

using Json = nlohmann::ordered_json;
using analysis::ReplayGroup;
using analysis::ReplayProblem;
using analysis::ReplayRecordRef;
using analysis::ReplayReport;

std::string RecordName(const ReplayRecordRef& r) {
  return "line " + std::to_string(r.line) + (r.id.empty() ? "" : " (id " + r.id + ")");
}

Json RefJson(const ReplayRecordRef& r) {
  Json id = nullptr;
  if (!r.id.empty()) id = Json::parse(r.id, nullptr, false);
  return Json{{"line", r.line}, {"id", id.is_discarded() ? Json(r.id) : id}};
}

std::string Plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string ReplayText(const ReplayReport& r, const std::string& log_name) {
  std::ostringstream out;
  out << "log: " << log_name << "\n";
  out << "policy: " << r.policy.name << " (" << r.policy.digest << ")\n";
  for (const auto& [digest, count] : r.recorded_policies) {
    out << "recorded under: " << (digest.empty() ? "(no digest)" : digest) << " ("
        << Plural(count, "record", "records") << ")\n";
  }
  out << "lines: " << r.lines << "; decision records: " << r.records << "; decided again: " << r.decided
      << "\n";
  out << "decisions changed: " << r.changed << " of " << r.decided << " (by " << ByText(r.by) << ") in "
      << Plural(r.groups.size(), "group", "groups") << "\n";
  out << "undecidable under the policy: " << r.undecidable.size() << "\n";
  out << "bad lines: " << r.bad.size() << "\n";
  for (std::size_t i = 0; i < r.groups.size(); ++i) {
    const ReplayGroup& g = r.groups[i];
    out << "\ngroup " << i + 1 << " of " << r.groups.size() << ": " << TransitionText(g.from, g.to) << ", "
        << Plural(g.count, "record", "records") << "\n";
    out << "  old decisive: " << JoinOr(g.old_decisive, ", ", "none (the default)") << "\n";
    out << "  new decisive: " << JoinOr(g.new_decisive, ", ", "none (the default)") << "\n";
    out << "  old outcomes: " << JoinOr(g.old_outcomes, ", ", "none") << "\n";
    out << "  new outcomes: " << JoinOr(g.new_outcomes, ", ", "none") << "\n";
    for (const auto& [side, list] :
         {std::pair{"old", &g.old_obligations}, std::pair{"new", &g.new_obligations}}) {
      out << "  " << side << " obligations:" << (list->empty() ? " none\n" : "\n");
      for (const std::string& o : *list) out << "    - " << o << "\n";
    }
    out << "  for example:";
    for (std::size_t k = 0; k < g.examples.size(); ++k)
      out << (k ? "," : "") << " " << RecordName(g.examples[k]);
    out << "\n";
  }
  if (!r.undecidable.empty()) {
    out << "\nundecidable records:\n";
    for (const ReplayProblem& p : r.undecidable)
      out << "  " << RecordName(p.record) << ": " << p.error << "\n";
  }
  if (!r.bad.empty()) {
    out << "\nbad lines:\n";
    for (const ReplayProblem& p : r.bad) out << "  " << RecordName(p.record) << ": " << p.error << "\n";
  }
  return out.str();
}

nlohmann::ordered_json ReplayJson(const ReplayReport& r, const std::string& log_name) {
  Json out;
  out["log"] = log_name;
  out["policy"] = {{"name", r.policy.name}, {"digest", r.policy.digest}};
  out["by"] = ByName(r.by);
  out["lines"] = r.lines;
  out["records"] = r.records;
  out["decided"] = r.decided;
  out["changed"] = r.changed;
  out["unchanged"] = r.decided - r.changed;
  out["undecidable"] = r.undecidable.size();
  out["bad_lines"] = r.bad.size();
  Json policies = Json::array();
  for (const auto& [digest, count] : r.recorded_policies)
    policies.push_back({{"digest", digest}, {"records", count}});
  out["recorded_policies"] = std::move(policies);
  Json groups = Json::array();
  for (const ReplayGroup& g : r.groups) {
    Json examples = Json::array();
    for (const ReplayRecordRef& e : g.examples) examples.push_back(RefJson(e));
    groups.push_back({{"from", ToString(g.from)},
                      {"to", ToString(g.to)},
                      {"count", g.count},
                      {"old_decisive", g.old_decisive},
                      {"new_decisive", g.new_decisive},
                      {"old_outcomes", g.old_outcomes},
                      {"new_outcomes", g.new_outcomes},
                      {"old_obligations", g.old_obligations},
                      {"new_obligations", g.new_obligations},
                      {"examples", std::move(examples)}});
  }
  out["groups"] = std::move(groups);
  const auto problems = [](const std::vector<ReplayProblem>& list) {
    Json all = Json::array();
    for (const ReplayProblem& p : list) {
      Json one = RefJson(p.record);
      one["error"] = p.error;
      all.push_back(std::move(one));
    }
    return all;
  };
  out["undecidable_records"] = problems(r.undecidable);
  out["bad"] = problems(r.bad);
  return out;
}

void WriteReplayCsv(const ReplayReport& r, std::ostream& out) {
  out << "kind,line,id,from,to,count,old_decisive,new_decisive,old_outcomes,new_outcomes,old_obligations,"
         "new_obligations,error\n";
  const auto join = [](const std::vector<std::string>& items) { return CsvField(JoinOr(items, ";", "")); };
  for (const ReplayGroup& g : r.groups) {
    const ReplayRecordRef first = g.examples.empty() ? ReplayRecordRef{} : g.examples.front();
    out << "changed," << first.line << ',' << CsvField(first.id) << ',' << ToString(g.from) << ','
        << ToString(g.to) << ',' << g.count << ',' << join(g.old_decisive) << ',' << join(g.new_decisive)
        << ',' << join(g.old_outcomes) << ',' << join(g.new_outcomes) << ',' << join(g.old_obligations) << ','
        << join(g.new_obligations) << ",\n";
  }
  for (const auto& [kind, list] : {std::pair{"undecidable", &r.undecidable}, std::pair{"bad", &r.bad}}) {
    for (const ReplayProblem& p : *list) {
      out << kind << ',' << p.record.line << ',' << CsvField(p.record.id) << ",,,1,,,,,,,"
          << CsvField(p.error) << '\n';
    }
  }
}

std::string ReplayHtml(const ReplayReport& r, const std::string& log_name) {
  std::ostringstream out;
  const std::string title = "Replay of " + log_name + " under " + r.policy.name;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
      << HtmlEscape(title)
      << "</title>\n<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em "
         "auto;max-width:1100px;padding:0 1em}"
         "table{border-collapse:collapse}td,th{padding:.25em .6em;text-align:left;vertical-align:top;"
         "border-bottom:1px solid #e3e7ec}.num{text-align:right}.allow{color:#17733a;font-weight:600}"
         ".deny{color:#b3261e;font-weight:600}code{background:#f1f3f6;padding:0 "
         ".25em}</style>\n</head>\n<body>\n<h1>"
      << HtmlEscape(title) << "</h1>\n";
  const auto effect = [](Effect e) {
    const std::string name(ToString(e));
    return "<span class=\"" + name + "\">" + name + "</span>";
  };
  const auto list = [](const std::vector<std::string>& items) {
    if (items.empty()) return std::string("none");
    std::string text;
    for (const std::string& i : items) text += (text.empty() ? "" : "<br/>") + HtmlEscape(i);
    return text;
  };
  out << "<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n"
      << "<tr><th>policy</th><td><code>" << HtmlEscape(r.policy.name) << "</code> <code>"
      << HtmlEscape(r.policy.digest) << "</code></td></tr>\n";
  for (const auto& [digest, count] : r.recorded_policies) {
    out << "<tr><th>recorded under</th><td><code>" << HtmlEscape(digest) << "</code> (" << count
        << " records)</td></tr>\n";
  }
  out << "<tr><th>lines</th><td class=\"num\">" << r.lines << "</td></tr>\n"
      << "<tr><th>decision records</th><td class=\"num\">" << r.records << "</td></tr>\n"
      << "<tr><th>decided again</th><td class=\"num\">" << r.decided << "</td></tr>\n"
      << "<tr><th>changed (by " << HtmlEscape(ByText(r.by)) << ")</th><td class=\"num\"><b>" << r.changed
      << "</b></td></tr>\n"
      << "<tr><th>undecidable</th><td class=\"num\">" << r.undecidable.size() << "</td></tr>\n"
      << "<tr><th>bad lines</th><td class=\"num\">" << r.bad.size() << "</td></tr>\n</table>\n</section>\n";
  out << "<section id=\"groups\">\n<h2>Changed decisions</h2>\n";
  if (r.groups.empty()) out << "<p>No recorded decision changes.</p>\n";
  if (!r.groups.empty()) {
    out << "<table>\n<tr><th>transition</th><th class=\"num\">records</th><th>old decisive</th><th>new "
           "decisive</th><th>old outcomes</th><th>new outcomes</th><th>old obligations</th><th>new "
           "obligations</th><th>examples</th></tr>\n";
    for (const ReplayGroup& g : r.groups) {
      std::string examples;
      for (const ReplayRecordRef& e : g.examples)
        examples += (examples.empty() ? "" : "<br/>") + HtmlEscape(RecordName(e));
      out << "<tr><td>" << effect(g.from) << " → " << effect(g.to) << "</td><td class=\"num\">" << g.count
          << "</td><td>" << list(g.old_decisive) << "</td><td>" << list(g.new_decisive) << "</td><td>"
          << list(g.old_outcomes) << "</td><td>" << list(g.new_outcomes) << "</td><td>"
          << list(g.old_obligations) << "</td><td>" << list(g.new_obligations) << "</td><td>" << examples
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  out << "</section>\n";
  for (const auto& [id, heading, problems] :
       {std::tuple{"undecidable", "Records the policy cannot decide", &r.undecidable},
        std::tuple{"bad", "Lines that are not decision records", &r.bad}}) {
    if (problems->empty()) continue;
    out << "<section id=\"" << id << "\">\n<h2>" << heading << "</h2>\n<ul>\n";
    for (const ReplayProblem& p : *problems) {
      out << "<li>" << HtmlEscape(RecordName(p.record)) << ": " << HtmlEscape(p.error) << "</li>\n";
    }
    out << "</ul>\n</section>\n";
  }
  out << "<footer>Generated by <code>clearance replay</code>.</footer>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace clearance::report
