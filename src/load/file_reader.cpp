#include "load/file_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "base/lint_codes.hpp"
#include "expr/parse.hpp"
#include "load/yaml_reader.hpp"

namespace clearance::load {
namespace {

constexpr const char* kType = "type";

// The schema of a policy file (docs/language.md §2-§3, §9) over YamlReader's typed
// access.
class PolicyFileReader : public YamlReader {
 public:
  PolicyFileReader(const SourceTable& sources, std::uint32_t file, FileRole role, const Limits& limits,
                   Diagnostics& diags)
      : YamlReader(sources, file, limits, diags), role_(role) {}

  std::optional<FileDoc> Read();

 private:
  void ReadTopLevel(const YamlNode& root, FileDoc& doc);
  void ReadClearanceVersion(const Text& key, const YamlNode& value, bool& seen);
  std::optional<Effect> ReadEffect(const YamlNode& value, Mark where, std::string_view what);
  void ReadDimensions(const YamlNode& node, Mark where, FileDoc& doc);
  void ReadDimension(const Text& name, const YamlNode& node, DimensionDoc& dim);
  void ReadValues(const YamlNode& node, Mark where, DimensionDoc& dim);
  void ReadAttributes(const YamlNode& node, ValueDoc& value);
  std::optional<AttributeValue> ReadAttribute(const YamlNode& node, Mark where);
  void ReadGroups(const YamlNode& node, Mark where, DimensionDoc& dim);
  std::vector<Text> ReadLintSettings(const YamlNode& node, Mark where);
  std::vector<MemberDoc> ReadMembers(const YamlNode& node, Mark where, std::string_view what);
  std::optional<MemberDoc> ReadDatedMember(const YamlNode& node);
  void ReadRules(const YamlNode& node, Mark where, FileDoc& doc);
  std::optional<RuleDoc> ReadRule(const YamlNode& node);
  void ReadRuleKey(const Text& key, const YamlNode& value, RuleDoc& rule, bool& has_id, bool& has_effect);
  WhenDoc ReadWhen(const YamlNode& node, Mark where);
  std::optional<DatedBound> ReadDate(const YamlNode& node, Mark where, std::string_view what);
  bool ColumnExact(const YamlNode& node, const std::string& text) const;

  FileRole role_;
};

const std::vector<std::string> kTopKeys = {"clearance", "policy",  "description", "default", "combine",
                                           "include",   "extends", "drop",        "dimensions", "rules"};
const std::vector<std::string> kDimensionKeys = {"values", "groups", "default", "like"};
const std::vector<std::string> kMemberKeys = {"member", "effective", "expires"};
const std::vector<std::string> kRuleKeys = {"id",       "effect",  "when",    "overrides",
                                            "effective", "expires", "because", "cite",
                                            "outcome",  "obligations", "tags",    "lint"};

std::optional<FileDoc> PolicyFileReader::Read() {
  std::optional<YamlNode> root = ParseDocument();
  if (!root) return std::nullopt;
  FileDoc doc;
  doc.file = file_;
  doc.mark = {file_, 1, 1};
  if (!root->IsMap()) {
    Error(root->IsDefined() && !root->IsNull() ? MarkOf(*root) : doc.mark, kType,
          "a policy file must be a map of keys (clearance, policy, dimensions, rules, ...)");
    return std::nullopt;
  }
  doc.mark = MarkOf(*root);
  ReadTopLevel(*root, doc);
  return doc;
}

void PolicyFileReader::ReadClearanceVersion(const Text& key, const YamlNode& value, bool& seen) {
  seen = true;
  auto text = Scalar(value, key.mark, "'clearance'");
  if (!text) return;
  // "the plain integer 1": 1, 01 or +1, but not 1.0, "1" or 1e0.
  std::string_view t = text->text;
  if (t.starts_with('+')) t.remove_prefix(1);
  while (t.size() > 1 && t.front() == '0') t.remove_prefix(1);
  if (!IsPlain(value)) {
    Error(text->mark, "version", "'clearance' must be the plain integer 1, not the string \"" + text->text + "\"");
  } else if (t != "1") {
    Error(text->mark, "version", "'clearance' must be the plain integer 1, not '" + text->text + "'");
  }
}

std::optional<Effect> PolicyFileReader::ReadEffect(const YamlNode& value, Mark where, std::string_view what) {
  auto text = Scalar(value, where, what);
  if (!text) return std::nullopt;
  if (text->text == "allow") return Effect::kAllow;
  if (text->text == "deny") return Effect::kDeny;
  Error(text->mark, kType, std::string(what) + " must be 'allow' or 'deny', not '" + text->text + "'");
  return std::nullopt;
}

void PolicyFileReader::ReadTopLevel(const YamlNode& root, FileDoc& doc) {
  const bool is_root = role_ == FileRole::kLayerRoot;
  bool has_version = false;
  Mark drop_mark;
  auto root_only = [&](const Text& key) {
    if (is_root) return true;
    Error(key.mark, "include", "'" + key.text + "' may only be set in a policy's root file, not in an included file");
    return false;
  };
  ForEachPair(root, [&](const Text& key, const YamlNode& value) {
    const std::string& k = key.text;
    if (k == "clearance") {
      ReadClearanceVersion(key, value, has_version);
    } else if (k == "policy") {
      if (is_root) doc.policy = Identifier(value, key.mark, "the policy name");
    } else if (k == "description") {
      if (auto text = Scalar(value, key.mark, "'description'")) doc.description = text->text;
    } else if (k == "default") {
      if (root_only(key)) {
        doc.default_effect = ReadEffect(value, key.mark, "'default'");
        doc.default_mark = key.mark;
      }
    } else if (k == "combine") {
      if (!root_only(key)) return;
      auto text = Scalar(value, key.mark, "'combine'");
      if (!text) return;
      if (text->text == "deny-overrides")
        doc.combine = Combine::kDenyOverrides;
      else if (text->text == "allow-overrides")
        doc.combine = Combine::kAllowOverrides;
      else if (text->text == "strict")
        doc.combine = Combine::kStrict;
      else
        Error(text->mark, kType,
              "'combine' must be deny-overrides, allow-overrides or strict, not '" + text->text + "'");
    } else if (k == "include") {
      if (!ExpectList(value, key.mark, "'include'")) return;
      ForEachItem(value, [&](const YamlNode& item) {
        auto path = Scalar(item, MarkOf(item), "an include path");
        if (path && path->text.empty())
          Error(path->mark, kType, "an include path may not be empty");
        else if (path)
          doc.includes.push_back(std::move(*path));
      });
    } else if (k == "extends") {
      if (!root_only(key)) return;
      doc.extends = Scalar(value, key.mark, "'extends'");
      if (doc.extends && doc.extends->text.empty()) {
        Error(doc.extends->mark, kType, "'extends' may not be empty");
        doc.extends.reset();
      }
    } else if (k == "drop") {
      if (!root_only(key)) return;
      drop_mark = key.mark;
      doc.drops = NameList(value, key.mark, "'drop'", Names::kIdentifiers);
    } else if (k == "dimensions") {
      ReadDimensions(value, key.mark, doc);
    } else if (k == "rules") {
      ReadRules(value, key.mark, doc);
    } else {
      UnknownKey(key, "the policy file", kTopKeys);
    }
  });
  if (!has_version) Error(doc.mark, "version", "missing 'clearance: 1'");
  if (is_root && !doc.policy && !root["policy"]) Error(doc.mark, "missing", "missing 'policy' (the policy's name)");
  if (drop_mark.line != 0 && !doc.extends && !root["extends"]) {
    Error(drop_mark, "drop", "'drop' is only allowed together with 'extends'");
  }
}

void PolicyFileReader::ReadDimensions(const YamlNode& node, Mark where, FileDoc& doc) {
  if (!ExpectMap(node, where, "'dimensions'")) return;
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    if (!CheckName(key, "a dimension name")) return;
    if (!expr::IsIdentifier(key.text)) {
      Error(key.mark, "name", "a dimension name must be an identifier, not '" + key.text + "'");
      return;
    }
    if (key.text == "date" || key.text == "id") {
      Error(key.mark, "name", "'" + key.text + "' is reserved in queries and cannot name a dimension");
      return;
    }
    DimensionDoc dim;
    dim.name = key;
    if (ExpectMap(value, key.mark, "dimension '" + key.text + "'")) ReadDimension(key, value, dim);
    doc.dimensions.push_back(std::move(dim));
  });
}

void PolicyFileReader::ReadDimension(const Text& name, const YamlNode& node, DimensionDoc& dim) {
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    if (key.text == "values") {
      dim.values_mark = key.mark;
      ReadValues(value, key.mark, dim);
    } else if (key.text == "like") {
      dim.like = Identifier(value, key.mark, "'like' of dimension '" + name.text + "'");
    } else if (key.text == "groups") {
      ReadGroups(value, key.mark, dim);
    } else if (key.text == "default") {
      dim.default_value = Name(value, key.mark, "the default of dimension '" + name.text + "'");
    } else {
      UnknownKey(key, "dimension '" + name.text + "'", kDimensionKeys);
    }
  });
}

void PolicyFileReader::ReadValues(const YamlNode& node, Mark where, DimensionDoc& dim) {
  if (node.IsSequence()) {
    ForEachItem(node, [&](const YamlNode& item) {
      if (auto name = Name(item, MarkOf(item), "a value name")) {
        if (name->text == "any")
          Error(name->mark, "name", "'any' is reserved and cannot be declared");
        else
          dim.values.push_back({std::move(*name), {}});
      }
    });
    return;
  }
  if (!node.IsMap()) {
    ExpectList(node, where, "'values'");
    return;
  }
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    if (!CheckName(key, "a value name")) return;
    if (key.text == "any") {
      Error(key.mark, "name", "'any' is reserved and cannot be declared");
      return;
    }
    ValueDoc v{key, {}};
    // A null attribute map (`open-7b:`) means no attributes (docs/language.md).
    if (!IsNull(value)) {
      if (!ExpectMap(value, key.mark, "the attributes of '" + key.text + "'")) return;
      ReadAttributes(value, v);
    }
    dim.values.push_back(std::move(v));
  });
}

void PolicyFileReader::ReadAttributes(const YamlNode& node, ValueDoc& value) {
  ForEachPair(node, [&](const Text& attr, const YamlNode& attr_value) {
    if (!CheckName(attr, "an attribute name")) return;
    if (!expr::IsIdentifier(attr.text)) {
      Error(attr.mark, "name", "an attribute name must be an identifier, not '" + attr.text + "'");
      return;
    }
    if (auto typed = ReadAttribute(attr_value, attr.mark)) {
      value.attributes.push_back({attr, std::move(*typed), MarkOf(attr_value)});
    }
  });
}

std::optional<AttributeValue> PolicyFileReader::ReadAttribute(const YamlNode& node, Mark where) {
  auto text = Scalar(node, where, "an attribute value");
  if (!text) return std::nullopt;
  if (!IsPlain(node)) return AttributeValue(text->text);
  const std::string& t = text->text;
  if (t == "true") return AttributeValue(true);
  if (t == "false") return AttributeValue(false);
  if (expr::IsNumber(t)) {
    errno = 0;
    const double d = std::strtod(t.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d)) {
      Error(text->mark, kType, "number '" + t + "' is out of range");
      return std::nullopt;
    }
    return AttributeValue(d);
  }
  if (Date::LooksLikeDate(t)) {
    if (auto date = Date::Parse(t)) return AttributeValue(*date);
    Error(text->mark, kType, "'" + t + "' is not a calendar date");
    return std::nullopt;
  }
  return AttributeValue(t);
}

void PolicyFileReader::ReadGroups(const YamlNode& node, Mark where, DimensionDoc& dim) {
  if (!ExpectMap(node, where, "'groups'")) return;
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    if (!CheckName(key, "a group name")) return;
    if (key.text == "any") {
      Error(key.mark, "name", "'any' is reserved and cannot be declared");
      return;
    }
    GroupDoc group;
    group.name = key;
    if (value.IsSequence()) {
      group.include = ReadMembers(value, key.mark, "group '" + key.text + "'");
    } else if (value.IsMap()) {
      group.map_form = true;
      ForEachPair(value, [&](const Text& part, const YamlNode& members) {
        if (part.text == "include")
          group.include = ReadMembers(members, part.mark, "'include'");
        else if (part.text == "exclude")
          group.exclude = ReadMembers(members, part.mark, "'exclude'");
        else if (part.text == "lint")
          group.lint_ignore = ReadLintSettings(members, part.mark);
        else
          UnknownKey(part, "group '" + key.text + "'", {"include", "exclude", "lint"});
      });
    } else if (IsNull(value)) {
      Error(key.mark, kType, "group '" + key.text + "' is missing (null); expected a list of members or {include, exclude}");
      return;
    } else {
      Error(MarkOf(value), kType, "group '" + key.text + "' must be a list of members or {include, exclude}, not a scalar");
      return;
    }
    dim.groups.push_back(std::move(group));
  });
}

// `lint: {ignore: [CODE, ...]}` on a rule or a group: warning codes that
// lint does not report for it.
std::vector<Text> PolicyFileReader::ReadLintSettings(const YamlNode& node, Mark where) {
  std::vector<Text> codes;
  if (!ExpectMap(node, where, "'lint'")) return codes;
  const std::vector<std::string> known(kLintWarningCodes.begin(), kLintWarningCodes.end());
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    if (key.text != "ignore") {
      UnknownKey(key, "'lint'", {"ignore"});
      return;
    }
    for (Text& code : NameList(value, key.mark, "'ignore'", Names::kIdentifiers)) {
      if (std::find(known.begin(), known.end(), code.text) == known.end()) {
        Error(code.mark, "unknown-name",
              "'" + code.text + "' is not a lint warning code" + DidYouMean(code.text, known));
      } else {
        codes.push_back(std::move(code));
      }
    }
  });
  return codes;
}

// A member is a name, or {member: NAME, effective: DATE, expires: DATE}
// with at least one date (docs/language.md §7).
std::vector<MemberDoc> PolicyFileReader::ReadMembers(const YamlNode& node, Mark where,
                                                     std::string_view what) {
  std::vector<MemberDoc> out;
  if (!ExpectList(node, where, what)) return out;
  const std::string entry = "an entry of " + std::string(what);
  ForEachItem(node, [&](const YamlNode& item) {
    if (item.IsMap()) {
      if (auto member = ReadDatedMember(item)) out.push_back(std::move(*member));
    } else if (auto name = Name(item, MarkOf(item), entry, true)) {
      out.push_back({std::move(*name), std::nullopt, std::nullopt});
    }
  });
  return out;
}

std::optional<MemberDoc> PolicyFileReader::ReadDatedMember(const YamlNode& node) {
  MemberDoc member;
  bool has_name = false;
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    if (key.text == "member") {
      if (auto name = Name(value, key.mark, "'member'", true)) {
        member.name = std::move(*name);
        has_name = true;
      }
    } else if (key.text == "effective") {
      member.effective = ReadDate(value, key.mark, "'effective'");
    } else if (key.text == "expires") {
      member.expires = ReadDate(value, key.mark, "'expires'");
    } else {
      UnknownKey(key, "a dated group member", kMemberKeys);
    }
  });
  const Mark at = MarkOf(node);
  if (!node["member"]) Error(at, "missing", "a dated group member needs 'member' (the value or group it names)");
  if (!node["effective"] && !node["expires"]) {
    Error(at, "missing", "a dated group member needs 'effective' or 'expires' (else write the name alone)");
  }
  if (member.effective && member.expires && !(member.effective->date < member.expires->date)) {
    Error(member.expires->mark, "dates",
          "'expires' must be after 'effective' for member '" + member.name.text + "'");
  }
  if (!has_name || !member.dated()) return std::nullopt;
  return member;
}

void PolicyFileReader::ReadRules(const YamlNode& node, Mark where, FileDoc& doc) {
  if (!ExpectList(node, where, "'rules'")) return;
  ForEachItem(node, [&](const YamlNode& item) {
    if (auto rule = ReadRule(item)) doc.rules.push_back(std::move(*rule));
  });
}

std::optional<RuleDoc> PolicyFileReader::ReadRule(const YamlNode& node) {
  if (!ExpectMap(node, MarkOf(node), "a rule")) return std::nullopt;
  RuleDoc rule;
  rule.id.mark = MarkOf(node);
  bool has_id = false;
  bool has_effect = false;
  ForEachPair(node, [&](const Text& key, const YamlNode& value) {
    ReadRuleKey(key, value, rule, has_id, has_effect);
  });
  if (!node["id"]) Error(MarkOf(node), "missing", "a rule needs an 'id'");
  if (!node["effect"]) {
    Error(has_id ? rule.id.mark : MarkOf(node), "missing",
          "rule" + (has_id ? " '" + rule.id.text + "'" : std::string()) + " needs an 'effect'");
  }
  if (rule.effective && rule.expires && !(rule.effective->date < rule.expires->date)) {
    Error(rule.expires->mark, "dates", "'expires' must be after 'effective' in rule '" + rule.id.text + "'");
  }
  // A rule with other faults is kept, so later checks do not report its id
  // as unknown; the load fails anyway.
  if (!has_id) return std::nullopt;
  return rule;
}

void PolicyFileReader::ReadRuleKey(const Text& key, const YamlNode& value, RuleDoc& rule, bool& has_id,
                                   bool& has_effect) {
  const std::string& k = key.text;
  if (k == "id") {
    if (auto id = Identifier(value, key.mark, "a rule id")) {
      rule.id = std::move(*id);
      has_id = true;
    }
  } else if (k == "effect") {
    if (auto effect = ReadEffect(value, key.mark, "'effect'")) {
      rule.effect = *effect;
      rule.effect_mark = key.mark;
      has_effect = true;
    }
  } else if (k == "when") {
    rule.when = ReadWhen(value, key.mark);
  } else if (k == "overrides") {
    rule.overrides = NameList(value, key.mark, "'overrides'", Names::kIdentifiers);
  } else if (k == "effective") {
    rule.effective = ReadDate(value, key.mark, "'effective'");
  } else if (k == "expires") {
    rule.expires = ReadDate(value, key.mark, "'expires'");
  } else if (k == "because") {
    if (auto text = Scalar(value, key.mark, "'because'")) rule.because = text->text;
  } else if (k == "cite") {
    if (auto text = Scalar(value, key.mark, "'cite'")) rule.cite = text->text;
  } else if (k == "outcome") {
    rule.outcome = Identifier(value, key.mark, "an outcome");
  } else if (k == "obligations") {
    if (!ExpectList(value, key.mark, "'obligations'")) return;
    ForEachItem(value, [&](const YamlNode& item) {
      if (auto text = Scalar(item, MarkOf(item), "an obligation")) rule.obligations.push_back(text->text);
    });
  } else if (k == "tags") {
    rule.tags = NameList(value, key.mark, "'tags'", Names::kIdentifiers);
  } else if (k == "lint") {
    rule.lint_ignore = ReadLintSettings(value, key.mark);
  } else {
    UnknownKey(key, "a rule", kRuleKeys);
  }
}

bool PolicyFileReader::ColumnExact(const YamlNode& node, const std::string& text) const {
  const YamlMark m = node.Mark();
  if (m.pos < 0 || text.find('\n') != std::string::npos) return false;
  std::string_view source = sources_.file(file_).text;
  const std::size_t pos = static_cast<std::size_t>(m.pos);
  return source.substr(pos, text.size()) == text;
}

WhenDoc PolicyFileReader::ReadWhen(const YamlNode& node, Mark where) {
  if (node.IsMap()) {
    MapWhen when;
    when.mark = MarkOf(node);
    ForEachPair(node, [&](const Text& key, const YamlNode& value) {
      MapWhenEntry entry;
      entry.dimension = key;
      entry.list_mark = MarkOf(value);
      if (value.IsSequence()) {
        entry.names = NameList(value, key.mark, "the names of '" + key.text + "'", Names::kMembers);
      } else if (auto name = Name(value, key.mark, "the names of '" + key.text + "'", true)) {
        entry.names.push_back(std::move(*name));
        entry.list_mark = name->mark;
        entry.list = false;
      } else {
        return;
      }
      when.entries.push_back(std::move(entry));
    });
    return when;
  }
  if (node.IsSequence()) {
    Error(MarkOf(node), kType, "'when' must be an expression or a map of dimension to names, not a list");
    return std::monostate{};
  }
  auto text = Scalar(node, where, "'when'");
  if (!text) return std::monostate{};
  ExpressionWhen when{*text, false};
  if (node.Tag() == "?") {
    when.column_exact = ColumnExact(node, text->text);
  } else if (node.Tag() == "!") {
    // A quoted one-liner starts one column after its quote.
    const YamlMark m = node.Mark();
    std::string_view source = sources_.file(file_).text;
    if (m.pos >= 0 && text->text.find('\n') == std::string::npos &&
        source.substr(static_cast<std::size_t>(m.pos) + 1, text->text.size()) == text->text) {
      when.column_exact = true;
      when.source.mark.col += 1;
    }
  }
  return when;
}

std::optional<DatedBound> PolicyFileReader::ReadDate(const YamlNode& node, Mark where,
                                                     std::string_view what) {
  auto text = Scalar(node, where, what);
  if (!text) return std::nullopt;
  if (!IsPlain(node) || !Date::LooksLikeDate(text->text)) {
    Error(text->mark, kType, std::string(what) + " must be a date YYYY-MM-DD, not '" + text->text + "'");
    return std::nullopt;
  }
  auto date = Date::Parse(text->text);
  if (!date) {
    Error(text->mark, kType, "'" + text->text + "' is not a calendar date");
    return std::nullopt;
  }
  return DatedBound{*date, text->mark};
}

}  // namespace

std::optional<FileDoc> ReadFile(const SourceTable& sources, std::uint32_t file, FileRole role,
                                const Limits& limits, Diagnostics& diagnostics) {
  return PolicyFileReader(sources, file, role, limits, diagnostics).Read();
}

}  // namespace clearance::load
