#include "compile/conflicts.hpp"

#include "eval/domain.hpp"
#include "eval/interpreter.hpp"

namespace clearance::compile {

std::string DescribeConflict(const resolve::ResolvedPolicy& policy, const Conflict& c) {
  const auto& a = policy.rules[c.first].info;
  const auto& b = policy.rules[c.second].info;
  return "strict policy: rules '" + a.id + "' (" + std::string(ToString(a.effect)) + ") and '" + b.id + "' (" +
         std::string(ToString(b.effect)) + ") disagree on the query " + eval::DescribeValues(policy, c.query) +
         (c.any_date ? " (on any date)" : ", date=" + c.query.date.ToString());
}

}  // namespace clearance::compile
