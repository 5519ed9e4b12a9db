// The policy as written: every file's content with source marks, checked for
// shape and types but with no name resolved. yaml-cpp does not appear here;
// no YAML node outlives loading.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source.hpp"
#include "clearance/date.hpp"
#include "clearance/decision.hpp"

namespace clearance::load {

struct Text {
  std::string text;
  Mark mark;
};

// A typed attribute value (docs/language.md scalars).
using AttributeValue = std::variant<double, bool, Date, std::string>;

struct AttributeDoc {
  Text name;
  AttributeValue value;
  Mark value_mark;
};

struct ValueDoc {
  Text name;
  std::vector<AttributeDoc> attributes;
};

struct DatedBound {
  Date date;
  Mark mark;
};

// A group member: a value or group name, counting only from `effective`
// (inclusive) to `expires` (exclusive) when either is given (docs/language.md §7).
struct MemberDoc {
  Text name;
  std::optional<DatedBound> effective;
  std::optional<DatedBound> expires;

  bool dated() const { return effective || expires; }
};

struct GroupDoc {
  Text name;
  bool map_form = false;
  std::vector<MemberDoc> include;  // list form: the members
  std::vector<MemberDoc> exclude;
  std::vector<Text> lint_ignore;   // `lint: {ignore: [...]}`: warning codes silenced here
};

struct DimensionDoc {
  Text name;
  std::vector<ValueDoc> values;
  std::optional<Mark> values_mark;  // the `values` key, when given
  std::vector<GroupDoc> groups;
  std::optional<Text> default_value;
  std::optional<Text> like;         // docs/language.md §6
};

// `when` written as an expression string; `column_exact` when every byte of
// the text maps 1:1 onto the source line from `mark` on.
struct ExpressionWhen {
  Text source;
  bool column_exact = false;
};

struct MapWhenEntry {
  Text dimension;
  std::vector<Text> names;  // empty: never holds
  Mark list_mark;
  bool list = true;  // written as a list (`[a, b]`), not one name
};
struct MapWhen {
  std::vector<MapWhenEntry> entries;
  Mark mark;
};

using WhenDoc = std::variant<std::monostate, ExpressionWhen, MapWhen>;

struct RuleDoc {
  Text id;
  Effect effect = Effect::kDeny;
  Mark effect_mark;
  WhenDoc when;
  std::vector<Text> overrides;
  std::optional<DatedBound> effective;
  std::optional<DatedBound> expires;
  std::string because;
  std::string cite;
  std::optional<Text> outcome;
  std::vector<std::string> obligations;
  std::vector<Text> tags;
  std::vector<Text> lint_ignore;  // `lint: {ignore: [...]}`: warning codes silenced here
};

struct FileDoc {
  std::uint32_t file = 0;  // index in the SourceTable
  Mark mark;               // the document's first node
  std::optional<Text> policy;
  std::string description;
  std::optional<Effect> default_effect;
  Mark default_mark;
  std::optional<Combine> combine;
  std::vector<Text> includes;
  std::optional<Text> extends;
  std::vector<Text> drops;
  std::vector<DimensionDoc> dimensions;
  std::vector<RuleDoc> rules;
};

// One layer: a root file and the files it includes, in policy order
// (pre-order: a file, then its includes in list order; each file once).
// An extending layer holds its base layer.
struct PolicyDoc {
  std::vector<FileDoc> files;
  std::unique_ptr<PolicyDoc> base;

  const FileDoc& root() const { return files.front(); }
};

}  // namespace clearance::load
