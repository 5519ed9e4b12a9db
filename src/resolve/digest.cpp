// The policy digest hashes a canonical JSON of the policy's meaning: the
// default and combining mode, every dimension's values (sorted, with typed
// attributes) and default, and every rule (sorted by id) with its condition
// as resolved value sets, on every date where a group has dated members
// (DSL.md §9). Group names and nesting, file layout, key order, declaration
// order and the policy's name do not enter: decisions do not depend on them.
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "resolve/resolve.hpp"

namespace clearance::resolve {
namespace {

using nlohmann::json;

json SortedNames(const Dimension& dim, const ValueSet& set) {
  std::vector<std::string> names;
  for (auto v = set.find_first(); v != ValueSet::npos; v = set.find_next(v)) names.push_back(dim.info.values[v]);
  std::sort(names.begin(), names.end());
  return names;
}

json AttributeJson(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) return {"number", v};
        else if constexpr (std::is_same_v<T, bool>) return {"bool", v};
        else if constexpr (std::is_same_v<T, Date>) return {"date", v.ToString()};
        else return {"string", v};
      },
      value);
}

json DimensionJson(const Dimension& dim) {
  json values = json::object();
  for (std::size_t v = 0; v < dim.size(); ++v) {
    json attrs = json::object();
    for (const auto& [name, value] : dim.attributes[v]) attrs[name] = AttributeJson(value);
    values[dim.info.values[v]] = attrs;
  }
  json out = {{"values", values}};
  if (dim.info.default_value) out["default"] = dim.info.values[*dim.info.default_value];
  return out;
}

json CondJson(const ResolvedPolicy& policy, const Cond& c) {
  switch (c.kind) {
    case Cond::Kind::kTrue: return true;
    case Cond::Kind::kFalse: return false;
    case Cond::Kind::kTest: {
      const Dimension& dim = policy.dims[c.dim];
      if (c.set.constant()) return {{"in", dim.info.name}, {"values", SortedNames(dim, c.set.pieces().front())}};
      json dated = json::array();  // canonical pieces: [from or null, values]
      for (std::size_t p = 0; p < c.set.pieces().size(); ++p) {
        json from = p == 0 ? json(nullptr) : json(c.set.cuts()[p - 1].ToString());
        dated.push_back({from, SortedNames(dim, c.set.pieces()[p])});
      }
      return {{"in", dim.info.name}, {"dated", dated}};
    }
    default: break;
  }
  json children = json::array();
  for (const Cond& child : c.children) children.push_back(CondJson(policy, child));
  const char* op = c.kind == Cond::Kind::kNot ? "not" : c.kind == Cond::Kind::kAnd ? "and" : "or";
  return {{op, children}};
}

json RuleJson(const ResolvedPolicy& policy, const Rule& rule) {
  std::vector<std::string> overrides;
  for (std::uint32_t r : rule.info.overrides) overrides.push_back(policy.rules[r].info.id);
  std::sort(overrides.begin(), overrides.end());
  std::vector<std::string> tags = rule.info.tags;
  std::sort(tags.begin(), tags.end());
  return {{"effect", ToString(rule.info.effect)},
          {"when", CondJson(policy, rule.when)},
          {"overrides", overrides},
          {"effective", rule.info.effective ? rule.info.effective->ToString() : ""},
          {"expires", rule.info.expires ? rule.info.expires->ToString() : ""},
          {"because", rule.info.because},
          {"cite", rule.info.cite},
          {"outcome", rule.info.outcome},
          {"obligations", rule.info.obligations},
          {"tags", tags}};
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::string ComputeDigest(const ResolvedPolicy& policy) {
  json dims = json::object();  // keys sorted by nlohmann's std::map
  for (const Dimension& dim : policy.dims) dims[dim.info.name] = DimensionJson(dim);
  json rules = json::object();
  for (const Rule& rule : policy.rules) rules[rule.info.id] = RuleJson(policy, rule);
  const json canonical = {{"clearance-digest", 1},
                          {"default", ToString(policy.default_effect)},
                          {"combine", ToString(policy.combine)},
                          {"dimensions", dims},
                          {"rules", rules}};
  return "sha256:" + Sha256Hex(canonical.dump());
}

}  // namespace clearance::resolve
