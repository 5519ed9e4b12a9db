// Checks shared by the compiler's tests: the diagram is canonical, and it
// agrees with direct evaluation of the rules on every query of a small
// policy.
#pragma once

#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <vector>

#include "compile/decision_graph.hpp"
#include "eval/interpreter.hpp"

namespace clearance::compile::testing {

// No node with all children equal, no two equal nodes, children deeper
// than their parent, every terminal reachable, terminals distinct.
inline void CheckCanonical(const DecisionGraph& g) {
  std::set<std::vector<std::uint32_t>> seen;
  std::set<std::uint32_t> node_set(g.nodes().begin(), g.nodes().end());
  std::vector<bool> reached(g.terminal_count(), false);
  for (std::uint32_t node : g.nodes()) {
    const auto kids = g.children(node);
    REQUIRE(kids.size() == g.level_size(g.level_of(node)));
    bool all_same = true;
    for (std::uint32_t k : kids) {
      all_same = all_same && k == kids[0];
      if (DecisionGraph::IsTerminal(k)) {
        reached[DecisionGraph::TerminalIndex(k)] = true;
      } else {
        REQUIRE(node_set.count(k) == 1);
        REQUIRE(g.level_of(k) > g.level_of(node));
      }
    }
    REQUIRE_FALSE(all_same);
    std::vector<std::uint32_t> key{g.level_of(node)};
    key.insert(key.end(), kids.begin(), kids.end());
    REQUIRE(seen.insert(key).second);
  }
  if (DecisionGraph::IsTerminal(g.root())) reached[DecisionGraph::TerminalIndex(g.root())] = true;
  std::set<std::vector<std::uint32_t>> matchings;
  for (std::uint32_t t = 0; t < g.terminal_count(); ++t) {
    REQUIRE(reached[t]);
    REQUIRE(matchings.insert(g.terminal(t).matching).second);
  }
}

// Dates worth probing: every cut, the day before it, and a day far away.
inline std::vector<Date> ProbeDates(const DecisionGraph& g) {
  std::vector<Date> dates{Date::Min(), Date::Max(), Date::FromDays(0)};
  for (Date cut : g.partition().cuts) {
    dates.push_back(cut);
    dates.push_back(Date::FromDays(cut.days() - 1));
  }
  return dates;
}

// Every combination of values, on every probe date.
inline void ForEveryQuery(const resolve::ResolvedPolicy& p, const std::vector<Date>& dates,
                          const std::function<void(const Query&)>& fn) {
  Query q;
  q.values.assign(p.dims.size(), 0);
  for (;;) {
    for (Date d : dates) {
      q.date = d;
      fn(q);
    }
    std::size_t i = 0;
    while (i < p.dims.size() && ++q.values[i] == p.dims[i].size()) q.values[i++] = 0;
    if (i == p.dims.size()) return;
  }
}

inline void CheckAgainstRules(const resolve::ResolvedPolicy& p, const DecisionGraph& g) {
  ForEveryQuery(p, ProbeDates(g), [&](const Query& q) {
    const std::vector<std::uint32_t> matching = eval::MatchingRules(p, q);
    const Terminal& t = g.terminal(g.Find(q.values, q.date));
    REQUIRE(t.matching == matching);
    const eval::Outcome want = eval::CombineMatches(p, matching);
    REQUIRE(t.outcome.effect == want.effect);
    REQUIRE(t.outcome.basis == want.basis);
    REQUIRE(t.outcome.decisive == want.decisive);
    const Verdict v = g.Decide(q.values, q.date);
    REQUIRE(v.effect == want.effect);
    REQUIRE(v.basis == want.basis);
    REQUIRE(std::vector<std::uint32_t>(v.decisive.begin(), v.decisive.end()) == want.decisive);
  });
}

}  // namespace clearance::compile::testing
