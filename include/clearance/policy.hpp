// Loading a policy and asking it questions.
//
//   clearance::LoadOptions options;
//   auto policy = clearance::LoadPolicy("rules/frontier-2026/base.yaml", options);
//   if (!policy) { std::cerr << policy.error().ToString(); return 2; }
//   auto query = policy->MakeQuery({{"model", "fable-5"}, {"country", "DE"},
//                                   {"use", "research"}}, clearance::Date::TodayUtc());
//   clearance::Verdict v = policy->Decide(*query);
//
// A Policy is an immutable, cheaply copyable handle to a compiled policy.
// Every const method is safe to call from any number of threads at once; the
// compiled data is shared and freed when the last handle goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clearance/date.hpp"
#include "clearance/decision.hpp"
#include "clearance/diagnostic.hpp"

namespace clearance {

// Bounds on what a loader accepts; exceeding one is a diagnostic with a
// location, never a crash or a hang. Files must also be valid UTF-8 without
// NUL bytes (not configurable).
struct Limits {
  std::size_t max_file_bytes = 8u << 20;         // per file
  std::size_t max_files = 1000;                  // per policy, includes and bases counted
  int max_depth = 128;                           // YAML nesting of maps and lists
  std::size_t max_nodes = 2'000'000;             // YAML nodes per file, aliases expanded
  std::size_t max_expanded_bytes = 64u << 20;    // scalar text per file, aliases expanded
  std::size_t max_expression_bytes = 64u << 10;  // per `when` expression
  int max_expression_depth = 128;                // parentheses and `not` in an expression
  std::size_t max_domain = 50'000'000;           // queries × date intervals brute-forced by analyses
  std::size_t max_graph_bytes = std::size_t{1} << 30;  // the decision graph and the compiler's scratch tables
};

// Where policy files come from. Implement it to serve policies from memory
// or a database. Implementations must be safe to call from one thread at a
// time (a loader never shares one across threads concurrently).
class SourceResolver {
 public:
  virtual ~SourceResolver() = default;
  // The name of the file `path` refers to when written in file `from` (empty
  // for the root). The name is what diagnostics show. Returns an error
  // message (without location) when the path is not allowed or not found.
  virtual Result<std::string> Locate(std::string_view from, std::string_view path) = 0;
  // The file's bytes; at most max_bytes + 1 of them need be read (a longer
  // file is reported as over the limit).
  virtual Result<std::string> Read(std::string_view name, std::size_t max_bytes) = 0;
};

struct FileResolverOptions {
  // When set, every file must resolve (symlinks followed) inside this folder.
  std::string confine_to;
  // Absolute paths in include/extends are errors unless allowed. The root
  // path given to LoadPolicy may always be absolute.
  bool allow_absolute = false;
};
std::unique_ptr<SourceResolver> MakeFileResolver(FileResolverOptions options = {});
// Files served from a map of name -> text; paths are joined and normalized
// lexically, and must stay among the names.
std::unique_ptr<SourceResolver> MakeMemoryResolver(std::vector<std::pair<std::string, std::string>> files);

struct LoadOptions {
  Limits limits;
  // Null: files on disk, unconfined (MakeFileResolver()).
  std::shared_ptr<SourceResolver> resolver;
  // Where a compiled snapshot stands in for a policy file (snapshot.hpp:
  // LoadPolicyOrCompiled, Engine, test files): the key it was signed with,
  // or empty for an unsigned one.
  std::string snapshot_key;
};

struct GroupInfo {
  std::string name;
  // Value indices, declaration order. For a group with dated members, the
  // values that count on at least one date; MembersOn gives one date's.
  std::vector<std::uint32_t> members;
  SourceLocation where;
  // Only for a group with dated members: the dates on which its values
  // change, sorted, and the values on each interval between them
  // (members_between[i] holds on [cuts[i-1], cuts[i]), cuts.size() + 1 lists).
  std::vector<Date> cuts;
  std::vector<std::vector<std::uint32_t>> members_between;

  const std::vector<std::uint32_t>& MembersOn(Date date) const;
};

struct DimensionInfo {
  std::string name;
  std::vector<std::string> values;       // declaration order
  // Per value, its display name: the `name` attribute when it is a string,
  // else "" (the shipped countries carry their ISO short names).
  std::vector<std::string> value_names;
  std::vector<GroupInfo> groups;         // declaration order
  std::optional<std::uint32_t> default_value;
  // The dimension whose values and groups this one shares (`like`), or "".
  std::string like;

  // "DE (Germany)", or "DE" for a value without a display name.
  std::string Labelled(std::uint32_t value) const;
};

struct RuleInfo {
  std::string id;
  Effect effect = Effect::kDeny;
  std::string when;                      // the condition as written ("" when absent)
  std::vector<std::uint32_t> overrides;  // rule indices
  std::optional<Date> effective;
  std::optional<Date> expires;
  std::string because;
  std::string cite;
  std::string outcome;
  std::vector<std::string> obligations;
  std::vector<std::string> tags;
  SourceLocation where;                  // the rule's `id` key
};

// What a caller names: dimension -> value, by name.
using Assignments = std::vector<std::pair<std::string, std::string>>;
using NameValue = std::pair<std::string_view, std::string_view>;

// A query's date, "YYYY-MM-DD" naming a real day. A bad one is an Error with
// code "query": "bad date 'TEXT' (expected a calendar date YYYY-MM-DD)".
Result<Date> ParseQueryDate(std::string_view text);

namespace internal {
struct PolicyData;
struct PolicyAccess;  // the library's own way in (src/api/policy_access.hpp)
}  // namespace internal

class Policy {
 public:
  const std::string& name() const;
  const std::string& description() const;
  // "sha256:<hex>" over the policy's meaning (rules, values, groups,
  // defaults), independent of file layout and key order.
  const std::string& digest() const;
  Effect default_effect() const;
  Combine combine() const;
  const std::vector<DimensionInfo>& dimensions() const;
  const std::vector<RuleInfo>& rules() const;  // policy order
  std::optional<std::size_t> FindDimension(std::string_view name) const;
  std::optional<std::uint32_t> FindValue(std::size_t dimension, std::string_view value) const;
  std::optional<std::uint32_t> FindRule(std::string_view id) const;

  // Resolves names to a Query on `date`. Dimensions left out take their
  // default; an unknown dimension or value, a group given as a value, a
  // dimension given twice or a missing dimension without default is an
  // Error (code "query") naming it.
  Result<Query> MakeQuery(const Assignments& assignments, Date date) const;
  // The same for hot paths: fills `query`, reusing its storage (nothing is
  // allocated once it has room), and returns false on any problem that
  // MakeQuery would report; call MakeQuery for the message.
  bool ResolveQuery(std::span<const NameValue> assignments, Date date, Query& query) const;

  // The effect and decisive rules, from the compiled decision graph.
  Verdict Decide(const Query& query) const noexcept;
  // Strings in, verdict out, allocating nothing: `values` holds one value
  // name per dimension, in dimension order (an empty one takes the
  // dimension's default). Nullopt when a name is unknown, a default is
  // missing or the count is wrong; MakeQuery then says what is wrong.
  std::optional<Verdict> Decide(std::span<const std::string_view> values, Date date) const noexcept;
  // out[i] = Decide(queries[i]); the spans must have the same size.
  void DecideBatch(std::span<const Query> queries, std::span<Verdict> out) const noexcept;
  // The full decision with its trace.
  Decision Explain(const Query& query, TraceDetail detail = TraceDetail::kMatching) const;
  // The same, by direct interpretation of the rules (no decision graph).
  Decision Interpret(const Query& query, TraceDetail detail = TraceDetail::kMatching) const;

 private:
  friend struct internal::PolicyAccess;
  explicit Policy(std::shared_ptr<const internal::PolicyData> data) : data_(std::move(data)) {}

  std::shared_ptr<const internal::PolicyData> data_;
};

// Loads, checks and compiles a policy from its root file.
Result<Policy> LoadPolicy(std::string_view path, const LoadOptions& options = {});
// A policy whose root file is given as text; `name` stands for that file in
// messages, and includes and extends are resolved relative to it by
// options.resolver (null: files on disk).
Result<Policy> LoadPolicyFromString(std::string_view name, std::string_view yaml,
                                    const LoadOptions& options = {});

}  // namespace clearance
