// `clearance diff --format csv`: one row per changed query. Rows come in
// the order of their values, not of the regions, so that the file does not
// depend on how the changed queries were grouped.
#include <algorithm>
#include <ostream>

#include "report/diff_common.hpp"
#include "report/diff_render.hpp"

namespace clearance::report {

namespace {

class CsvWriter {
 public:
  CsvWriter(const DiffReport& report, std::ostream& out) : report_(report), out_(out) {
    // Per region and dimension: which compared values it holds.
    for (const DiffRegion& r : report.regions) {
      std::vector<std::vector<bool>> in;
      for (std::size_t d = 0; d < report.dimensions.size(); ++d) {
        std::vector<bool> member(report.compared_values[d].size(), false);
        std::size_t next = 0;  // both lists are in declaration order
        for (std::size_t c = 0; c < member.size() && next < r.values[d].size(); ++c) {
          if (report.compared_values[d][c] == r.values[d][next]) member[c] = true, ++next;
        }
        in.push_back(std::move(member));
      }
      members_.push_back(std::move(in));
    }
  }

  void Write() {
    for (const std::string& d : report_.dimensions) out_ << CsvField(d) << ',';
    if (report_.all_dates) out_ << "date_from,date_to,";
    out_ << "from,to,old_decisive,new_decisive,old_outcomes,new_outcomes,old_obligations,new_obligations\n";
    std::vector<std::size_t> all(report_.regions.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    if (!all.empty()) Rows(0, all);
  }

 private:
  // Values of dimension d in order, keeping the regions that hold them; at
  // the last dimension exactly one region is left (regions are disjoint),
  // or with all_dates one per date range, written in date order.
  void Rows(std::size_t d, const std::vector<std::size_t>& regions) {
    if (d == report_.dimensions.size()) {
      std::vector<std::size_t> by_date = regions;
      std::sort(by_date.begin(), by_date.end(), [&](std::size_t a, std::size_t b) {
        return report_.regions[a].dates_from < report_.regions[b].dates_from;
      });
      for (std::size_t r : by_date) Row(report_.regions[r]);
      return;
    }
    for (std::size_t c = 0; c < report_.compared_values[d].size(); ++c) {
      std::vector<std::size_t> keep;
      for (std::size_t r : regions) {
        if (members_[r][d][c]) keep.push_back(r);
      }
      if (keep.empty()) continue;
      prefix_.push_back(c);
      Rows(d + 1, keep);
      prefix_.pop_back();
    }
  }

  void Row(const DiffRegion& r) {
    for (std::size_t d = 0; d < prefix_.size(); ++d)
      out_ << CsvField(report_.compared_values[d][prefix_[d]]) << ',';
    if (report_.all_dates) {
      const auto day = [](const std::optional<Date>& date) { return date ? date->ToString() : std::string(); };
      out_ << day(r.dates_from) << ',' << day(r.dates_to) << ',';
    }
    out_ << ToString(r.from) << ',' << ToString(r.to) << ',' << JoinOr(r.old_decisive, ";", "") << ','
         << JoinOr(r.new_decisive, ";", "") << ',' << CsvField(JoinOr(r.old_outcomes, ";", "")) << ','
         << CsvField(JoinOr(r.new_outcomes, ";", "")) << ',' << CsvField(JoinOr(r.old_obligations, ";", ""))
         << ',' << CsvField(JoinOr(r.new_obligations, ";", "")) << '\n';
  }

  const DiffReport& report_;
  std::ostream& out_;
  std::vector<std::vector<std::vector<bool>>> members_;
  std::vector<std::size_t> prefix_;
};

}  // namespace

void WriteDiffCsv(const DiffReport& report, std::ostream& out) { CsvWriter(report, out).Write(); }

}  // namespace clearance::report
