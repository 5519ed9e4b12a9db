#include "suite/file.hpp"

#include "load/yaml_reader.hpp"

namespace clearance::analysis {
namespace {

const std::vector<std::string> kTopKeys = {"policy", "date", "cases"};
const std::vector<std::string> kCaseKeys = {"name", "query", "each", "expect", "decisive", "date"};

// The schema of a test file over the typed access policy files use too, so
// nulls, names, duplicate keys and alias budgets behave the same in both.
class TestFileReader : public load::YamlReader {
 public:
  using YamlReader::YamlReader;

  std::optional<TestFileDoc> Read();

 private:
  std::vector<TestName> NameOrList(const load::YamlNode& node, Mark where, const std::string& what);
  std::optional<Date> ReadDate(const load::YamlNode& node, Mark where, const std::string& what);
  void ReadTop(const load::YamlNode& root, TestFileDoc& doc);
  void ReadCases(const load::YamlNode& node, Mark where, TestFileDoc& doc);
  std::optional<TestCaseDoc> ReadCase(const load::YamlNode& node);
  bool ReadCaseKey(const TestName& key, const load::YamlNode& value, TestCaseDoc& c);
  void ReadAxes(const TestName& key, const load::YamlNode& value, TestCaseDoc& c);
  void ReadAxis(const TestName& dim, const load::YamlNode& names, TestCaseDoc& c);
  std::optional<Effect> ReadExpect(const load::YamlNode& node, Mark where);
  Mark ValueMark(const load::YamlNode& value, Mark key) const { return IsNull(value) ? key : MarkOf(value); }
};

// A name, or a list of names (`any` allowed: `each` expands it).
std::vector<TestName> TestFileReader::NameOrList(const load::YamlNode& node, Mark where,
                                                 const std::string& what) {
  std::vector<TestName> out;
  if (!node.IsSequence()) {
    if (auto name = Name(node, where, what, true)) out.push_back(std::move(*name));
    return out;
  }
  const std::string entry = "an entry of " + what;
  ForEachItem(node, [&](const load::YamlNode& item) {
    if (auto name = Name(item, MarkOf(item), entry, true)) out.push_back(std::move(*name));
  });
  return out;
}

std::optional<Date> TestFileReader::ReadDate(const load::YamlNode& node, Mark where,
                                             const std::string& what) {
  auto text = Scalar(node, where, what);
  if (!text) return std::nullopt;
  auto date = Date::Parse(text->text);
  if (!date) Error(text->mark, "type", what + ": '" + text->text + "' is not a calendar date YYYY-MM-DD");
  return date;
}

std::optional<TestFileDoc> TestFileReader::Read() {
  std::optional<load::YamlNode> root = ParseDocument();
  if (!root) return std::nullopt;
  if (!root->IsMap()) {
    Error(root->IsDefined() && !root->IsNull() ? MarkOf(*root) : Mark{file_, 1, 1}, "type",
          "a test file must be a map with the keys policy, cases and, optionally, date");
    return std::nullopt;
  }
  TestFileDoc doc;
  doc.file = file_;
  ReadTop(*root, doc);
  return doc;
}

void TestFileReader::ReadTop(const load::YamlNode& root, TestFileDoc& doc) {
  bool has_policy = false;
  bool has_cases = false;
  ForEachPair(root, [&](const TestName& key, const load::YamlNode& value) {
    if (key.text == "policy") {
      has_policy = true;
      auto name = Scalar(value, key.mark, "'policy'");
      if (name && name->text.empty()) Error(name->mark, "name", "'policy' may not be empty");
      if (name) doc.policy = std::move(*name);
    } else if (key.text == "date") {
      doc.date = ReadDate(value, key.mark, "'date'");
    } else if (key.text == "cases") {
      has_cases = true;
      ReadCases(value, key.mark, doc);
    } else {
      UnknownKey(key, "a test file", kTopKeys);
    }
  });
  if (!has_policy) Error(MarkOf(root), "missing", "a test file needs a 'policy' (the policy's root file)");
  if (!has_cases) Error(MarkOf(root), "missing", "a test file needs 'cases' (a list of cases)");
}

void TestFileReader::ReadCases(const load::YamlNode& node, Mark where, TestFileDoc& doc) {
  if (!ExpectList(node, where, "'cases'")) return;
  ForEachItem(node, [&](const load::YamlNode& item) {
    if (auto c = ReadCase(item)) doc.cases.push_back(std::move(*c));
  });
}

// A case with any error is reported and left out.
std::optional<TestCaseDoc> TestFileReader::ReadCase(const load::YamlNode& node) {
  if (!ExpectMap(node, MarkOf(node), "a case")) return std::nullopt;
  TestCaseDoc c;
  c.mark = MarkOf(node);
  const std::size_t errors = diags_.error_count();
  bool has_name = false;
  bool has_expect = false;
  ForEachPair(node, [&](const TestName& key, const load::YamlNode& value) {
    has_name |= key.text == "name";
    has_expect |= ReadCaseKey(key, value, c);
  });
  auto missing = [&](const char* what) { Error(c.mark, "missing", std::string("a case needs ") + what); };
  if (!has_name) missing("a 'name'");
  if (c.axes_mark.line == 0) missing("a 'query' or an 'each'");
  if (!has_expect && diags_.error_count() == errors) missing("an 'expect' (allow or deny)");
  if (diags_.error_count() != errors) return std::nullopt;
  return c;
}

// True when the key is a good `expect`.
bool TestFileReader::ReadCaseKey(const TestName& key, const load::YamlNode& value, TestCaseDoc& c) {
  if (key.text == "name") {
    auto name = Scalar(value, key.mark, "a case's 'name'");
    if (name && name->text.empty()) Error(name->mark, "name", "a case's 'name' may not be empty");
    if (name) c.name = std::move(*name);
  } else if (key.text == "query" || key.text == "each") {
    ReadAxes(key, value, c);
  } else if (key.text == "expect") {
    auto effect = ReadExpect(value, key.mark);
    if (effect) c.expect = *effect;
    return effect.has_value();
  } else if (key.text == "decisive") {
    c.decisive_mark = ValueMark(value, key.mark);
    if (value.IsScalar()) {
      Error(MarkOf(value), "type",
            "'decisive' must be a list of rule ids (one rule: [" + std::string(value.Scalar()) + "])");
    } else if (ExpectList(value, key.mark, "'decisive'")) {
      c.decisive = NameOrList(value, key.mark, "'decisive'");
    }
  } else if (key.text == "date") {
    c.date = ReadDate(value, key.mark, "a case's 'date'");
  } else {
    UnknownKey(key, "a case", kCaseKeys);
  }
  return false;
}

void TestFileReader::ReadAxes(const TestName& key, const load::YamlNode& value, TestCaseDoc& c) {
  if (c.axes_mark.line != 0) {
    Error(key.mark, "type", "a case has either 'query' or 'each', not both");
    return;
  }
  c.each = key.text == "each";
  c.axes_mark = ValueMark(value, key.mark);
  if (!ExpectMap(value, key.mark, "'" + key.text + "'")) return;
  ForEachPair(value, [&](const TestName& dim, const load::YamlNode& names) { ReadAxis(dim, names, c); });
}

void TestFileReader::ReadAxis(const TestName& dim, const load::YamlNode& names, TestCaseDoc& c) {
  TestAxis axis{dim, {}, ValueMark(names, dim.mark)};
  const std::string what = "the value of '" + dim.text + "'";
  if (names.IsMap()) {
    Error(MarkOf(names), "type", what + " must be a name or a list of names, not a map");
  } else if (!c.each && names.IsSequence()) {
    Error(MarkOf(names), "type", what + " in 'query' must be one value; 'each' runs a list");
  } else if (names.IsSequence() && names.size() == 0) {
    Error(axis.mark, "empty", "an empty list for '" + dim.text + "' expands to no query");
  } else {
    axis.names = NameOrList(names, dim.mark, what);
  }
  c.axes.push_back(std::move(axis));
}

std::optional<Effect> TestFileReader::ReadExpect(const load::YamlNode& node, Mark where) {
  auto text = Scalar(node, where, "'expect'");
  if (!text) return std::nullopt;
  if (text->text == "allow") return Effect::kAllow;
  if (text->text == "deny") return Effect::kDeny;
  Error(text->mark, "type", "'expect' must be allow or deny, not '" + text->text + "'");
  return std::nullopt;
}

}  // namespace

std::optional<TestFileDoc> ReadTestFile(const SourceTable& sources, std::uint32_t file, const Limits& limits,
                                        Diagnostics& diagnostics) {
  return TestFileReader(sources, file, limits, diagnostics).Read();
}

}  // namespace clearance::analysis
