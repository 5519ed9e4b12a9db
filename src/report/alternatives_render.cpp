#include "report/alternatives_render.hpp"

#include "report/diff_common.hpp"

namespace clearance::report {

namespace {

std::vector<std::string> Ids(const Policy& policy, const std::vector<std::uint32_t>& rules) {
  std::vector<std::string> out;
  for (std::uint32_t r : rules) out.push_back(policy.rules()[r].id);
  return out;
}

std::vector<FoldedItem> Folded(const Policy& policy, const analysis::ValueAlternative& a) {
  const DimensionInfo& dim = policy.dimensions()[a.dimension];
  std::vector<std::string> names;
  for (std::uint32_t v : a.values) names.push_back(dim.values[v]);
  return FoldValues(policy, dim.name, names);
}

OrderedJson ChangeJson(const Policy& policy, const std::optional<analysis::DateChange>& c) {
  if (!c) return nullptr;
  return {{"date", c->date.ToString()},
          {"from", ToString(c->before)},
          {"to", ToString(c->after)},
          {"decisive", Ids(policy, c->decisive)}};
}

std::string By(const Policy& policy, const std::vector<std::uint32_t>& rules) {
  return rules.empty() ? "the default" : JoinOr(Ids(policy, rules), ", ", "");
}

}  // namespace

OrderedJson AlternativesJson(const Policy& policy, const analysis::Alternatives& alt) {
  OrderedJson values = OrderedJson::array();
  for (const analysis::ValueAlternative& a : alt.values) {
    std::vector<std::string> names;
    for (const FoldedItem& item : Folded(policy, a)) names.push_back(item.name);
    values.push_back({{"dimension", policy.dimensions()[a.dimension].name},
                      {"values", names},
                      {"effect", ToString(a.effect)},
                      {"decisive", Ids(policy, a.decisive)}});
  }
  OrderedJson combination = nullptr;
  if (alt.combination) {
    std::vector<std::string> dims;
    OrderedJson example = OrderedJson::object();
    for (std::uint32_t d : alt.combination->dimensions) {
      const DimensionInfo& dim = policy.dimensions()[d];
      dims.push_back(dim.name);
      example[dim.name] = dim.values[alt.combination->example[d]];
    }
    combination = {{"dimensions", dims},
                   {"example", std::move(example)},
                   {"effect", ToString(alt.effect == Effect::kAllow ? Effect::kDeny : Effect::kAllow)},
                   {"decisive", Ids(policy, alt.combination->decisive)}};
  }
  return {{"values", std::move(values)},
          {"dates", {{"previous", ChangeJson(policy, alt.previous)}, {"next", ChangeJson(policy, alt.next)}}},
          {"combination", std::move(combination)}};
}

void AddAlternatives(OrderedJson& decision, const Policy& policy, const analysis::Alternatives& alt) {
  OrderedJson policy_ref = decision["policy"];
  decision.erase("policy");
  decision["alternatives"] = AlternativesJson(policy, alt);
  decision["policy"] = std::move(policy_ref);
}

std::string AlternativesText(const Policy& policy, const analysis::Alternatives& alt) {
  const std::string other(ToString(alt.effect == Effect::kAllow ? Effect::kDeny : Effect::kAllow));
  std::string out = "alternatives (" + other + " instead):\n";
  if (alt.values.empty()) out += "  no single dimension changes the effect\n";
  for (const analysis::ValueAlternative& a : alt.values) {
    out += "  " + policy.dimensions()[a.dimension].name + " " + DescribeFolded(Folded(policy, a), 8) + ": " +
           other + " by " + By(policy, a.decisive) + "\n";
  }
  if (alt.combination) {
    out += "  changing " + std::to_string(alt.combination->dimensions.size()) + " dimensions together, e.g. ";
    for (std::size_t i = 0; i < alt.combination->dimensions.size(); ++i) {
      const DimensionInfo& dim = policy.dimensions()[alt.combination->dimensions[i]];
      out += (i ? ", " : "") + dim.name + "=" +
             dim.values[alt.combination->example[alt.combination->dimensions[i]]];
    }
    out += ": " + other + " by " + By(policy, alt.combination->decisive) + "\n";
  }
  if (alt.previous) {
    out += "  " + std::string(ToString(alt.previous->after)) + " since " + alt.previous->date.ToString() +
           " (" + std::string(ToString(alt.previous->before)) + " before)\n";
  }
  if (alt.next) {
    out += "  " + std::string(ToString(alt.next->after)) + " from " + alt.next->date.ToString() + " by " +
           By(policy, alt.next->decisive) + "\n";
  }
  if (!alt.previous && !alt.next) out += "  the same effect on every date\n";
  return out;
}

}  // namespace clearance::report
