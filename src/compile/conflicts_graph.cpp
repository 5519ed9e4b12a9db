#include "compile/conflicts_graph.hpp"

#include <algorithm>

#include "eval/domain.hpp"

namespace clearance::compile {

Query WitnessQuery(const compile::DecisionGraph& graph, std::uint32_t terminal) {
  const compile::Witness witness = graph.WitnessFor(terminal);
  Query q;
  q.values = witness.values;
  q.date = witness.date;
  // WitnessFor dates interval 0 at the first representable day; the day
  // before the first bound reads better and is what enumeration uses.
  const std::vector<Date>& cuts = graph.partition().cuts;
  if (!cuts.empty() && q.date < cuts.front()) q.date = Date::FromDays(cuts.front().days() - 1);
  return q;
}

std::string DescribeWitness(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
                            const Query& query) {
  std::string out = eval::DescribeValues(policy, query);
  if (!graph.partition().cuts.empty()) out += ", date=" + query.date.ToString();
  return out;
}

std::optional<Conflict> FindConflictOnGraph(const compile::DecisionGraph& graph) {
  for (std::uint32_t t = 0; t < graph.terminal_count(); ++t) {
    const eval::Outcome& outcome = graph.terminal(t).outcome;
    if (!outcome.conflict) continue;
    const std::uint32_t a = outcome.decisive.front();
    const std::uint32_t b = outcome.outvoted.front();
    return Conflict{std::min(a, b), std::max(a, b), WitnessQuery(graph, t), graph.partition().cuts.empty()};
  }
  return std::nullopt;
}

}  // namespace clearance::compile
