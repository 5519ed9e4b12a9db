// Rule content ids (resolve::Rule::content_id): equal for rules that say
// the same thing however the policies around them are written, different
// as soon as anything a diff reports or decides by differs. The diff skips
// rules of equal ids, so a missed difference here is a missed change there.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api/policy_access.hpp"
#include "resolve/resolved_policy.hpp"
#include "support/fixtures.hpp"

using namespace clearance;
using testing_support::MustLoad;

namespace {

const std::string kHead = R"(clearance: 1
policy: t
dimensions:
  model:
    values: [a, b, c]
  country:
    values: [US, DE, FR, KH]
    groups:
      eu: [DE, FR]
      later: [US, {member: KH, effective: 2026-02-03}]
  use:
    values: [research, defense]
    default: research
)";

// The same dimensions declared in another order, values too.
const std::string kHeadReordered = R"(clearance: 1
policy: other-name
dimensions:
  use:
    values: [defense, research]
    default: research
  country:
    values: [KH, FR, DE, US]
    groups:
      europe: [FR, DE]
      later: [US, {member: KH, effective: 2026-02-03}]
  model:
    values: [c, b, a]
)";

const std::string kRule = R"(  - id: r1
    effect: deny
    when: country in eu and model != a
    because: Because.
    cite: Law 1
    outcome: stop
    obligations: [log, notify]
    tags: [t1, t2]
    effective: 2025-01-01
    expires: 2027-01-01
    overrides: [r0]
)";

const std::string kOther = R"(  - id: r0
    effect: allow
    when: use == research
)";

resolve::ContentId IdOf(const Policy& policy, const std::string& rule) {
  const resolve::ResolvedPolicy& resolved = internal::DataOf(policy).resolved;
  return resolved.rules.at(resolved.rule_index.find(rule)->second).content_id;
}

resolve::ContentId IdWith(const std::string& head, const std::string& rule) {
  return IdOf(MustLoad(head + "rules:\n" + kOther + rule), "r1");
}

// kRule with `from` replaced by `to`.
std::string Edited(const std::string& from, const std::string& to) {
  std::string out = kRule;
  const std::size_t at = out.find(from);
  REQUIRE(at != std::string::npos);
  return out.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a rule's content id is computed and stable across loads", "[resolve][content-id]") {
  const resolve::ContentId id = IdWith(kHead, kRule);
  CHECK(id != resolve::ContentId{});
  CHECK(IdWith(kHead, kRule) == id);
  const Policy p = MustLoad(kHead + "rules:\n" + kOther + kRule);
  const auto& rules = internal::DataOf(p).resolved.rules;
  CHECK(resolve::SameContent(rules[0], rules[0]));
  CHECK_FALSE(resolve::SameContent(rules[0], rules[1]));
}

TEST_CASE("content ids do not depend on how the policy around the rule is written", "[resolve][content-id]") {
  const resolve::ContentId id = IdWith(kHead, kRule);
  // Other declaration orders, another policy name, another group name with
  // the same members, the rules in another order.
  CHECK(IdWith(kHeadReordered, Edited("country in eu", "country in europe")) == id);
  CHECK(IdOf(MustLoad(kHead + "rules:\n" + kRule + kOther), "r1") == id);
  // The same condition written with other names resolves to the same sets
  // (the tests in the same order: the id follows the condition's form).
  CHECK(IdWith(kHead, Edited("country in eu and model != a", "country in [FR, DE] and model in [b, c]")) ==
        id);
}

TEST_CASE("a change to any one part of a rule changes its content id", "[resolve][content-id]") {
  const resolve::ContentId id = IdWith(kHead, kRule);
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"id: r1", "id: r2"},
      {"effect: deny", "effect: allow"},
      {"country in eu and model != a", "country in eu and model != b"},
      {"country in eu and model != a", "country in later and model != a"},  // a dated set
      {"because: Because.", "because: Because!"},
      {"cite: Law 1", "cite: Law 2"},
      {"outcome: stop", "outcome: go"},
      {"obligations: [log, notify]", "obligations: [log]"},
      {"obligations: [log, notify]", "obligations: [notify, log]"},  // order is reported
      {"tags: [t1, t2]", "tags: [t1]"},
      {"tags: [t1, t2]", "tags: [t2, t1]"},  // --by decisive compares them as written
      {"effective: 2025-01-01", "effective: 2025-01-02"},
      {"expires: 2027-01-01", "expires: 2027-01-02"},
      {"    overrides: [r0]\n", ""},
  };
  for (const auto& [from, to] : edits) {
    INFO(from << " -> " << to);
    const std::string rule = Edited(from, to);
    const std::string id_of = from == "id: r1" ? "r2" : "r1";
    CHECK(IdOf(MustLoad(kHead + "rules:\n" + kOther + rule), id_of) != id);
  }
}

TEST_CASE("a condition over a value one side lacks changes the content id", "[resolve][content-id]") {
  // `model != a` holds for the added value d: the resolved sets differ.
  std::string head = kHead;
  head.replace(head.find("[a, b, c]"), 9, "[a, b, c, d]");
  CHECK(IdWith(head, kRule) != IdWith(kHead, kRule));
  // A group whose members changed: the same text, another set.
  std::string regrouped = kHead;
  regrouped.replace(regrouped.find("eu: [DE, FR]"), 12, "eu: [DE]");
  CHECK(IdWith(regrouped, kRule) != IdWith(kHead, kRule));
}

TEST_CASE("rules without a computed content id are never the same content", "[resolve][content-id]") {
  resolve::Rule a, b;
  CHECK_FALSE(resolve::SameContent(a, b));
  a.content_id = b.content_id = {1, 2};
  CHECK(resolve::SameContent(a, b));
  b.content_id = {1, 3};
  CHECK_FALSE(resolve::SameContent(a, b));
}
