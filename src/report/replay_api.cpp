// The public replay entry point (clearance/replay.hpp): the analysis, then
// the report in the asked format.
#include <sstream>

#include "analysis/replay.hpp"
#include "clearance/replay.hpp"
#include "report/replay_render.hpp"

namespace clearance {

ReplayResult ReplayLog(std::string_view log, const Policy& policy, const ReplayOptions& options) {
  analysis::ReplayOptions analysis_options;
  analysis_options.by = options.by;
  const analysis::ReplayReport report = analysis::Replay(log, policy, analysis_options);
  ReplayResult out;
  out.differs = report.Differs();
  switch (options.format) {
    case ReplayFormat::kJson: out.output = report::ReplayJson(report, options.log_name).dump(2) + '\n'; break;
    case ReplayFormat::kHtml: out.output = report::ReplayHtml(report, options.log_name); break;
    case ReplayFormat::kCsv: {
      std::ostringstream csv;
      report::WriteReplayCsv(report, csv);
      out.output = csv.str();
      break;
    }
    case ReplayFormat::kText: out.output = report::ReplayText(report, options.log_name); break;
  }
  return out;
}

}  // namespace clearance
