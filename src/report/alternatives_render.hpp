// check --alternatives: the alternatives of one query as JSON (the
// "alternatives" member of the decision JSON) and as text.
#pragma once

#include <string>

#include "analysis/alternatives.hpp"
#include "report/decision_json.hpp"

namespace clearance::report {

// {"values": [{"dimension", "values", "effect", "decisive"}],
//  "dates": {"previous": {"date", "from", "to", "decisive"} | null, "next": ... | null},
//  "combination": {"dimensions", "example", "effect", "decisive"} | null}
// Value lists are folded into the policy's groups that qualify whole.
OrderedJson AlternativesJson(const Policy& policy, const analysis::Alternatives& alt);

// Adds AlternativesJson as "alternatives" to a decision JSON, before its
// "policy" member.
void AddAlternatives(OrderedJson& decision, const Policy& policy, const analysis::Alternatives& alt);

// "would be allow instead:" lines, for the end of `check` text.
std::string AlternativesText(const Policy& policy, const analysis::Alternatives& alt);

}  // namespace clearance::report
