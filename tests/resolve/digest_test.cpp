// The digest's canonical JSON is written directly, not through a DOM: it
// must be byte for byte what nlohmann's dump() gives for the same value
// (sorted keys, escapes, number form), or every digest would change. A dump
// of the text parsed back is that reference.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../compile/random_yaml.hpp"
#include "api/policy_access.hpp"
#include "resolve/resolve.hpp"
#include "support/fixtures.hpp"

using namespace clearance;

namespace {

void CheckCanonical(const Policy& policy) {
  const std::string text = resolve::CanonicalJson(internal::DataOf(policy).resolved);
  CHECK(nlohmann::json::parse(text).dump() == text);
}

}  // namespace

TEST_CASE("The digest's text is nlohmann's dump of itself: escapes, numbers, dated sets",
          "[resolve][digest]") {
  const Policy p = testing_support::MustLoad(R"(clearance: 1
policy: t
dimensions:
  model:
    values:
      a: {size: 1, ratio: 0.1, big: 1e300, neg: -2.50, small: 1.0e-7, open: true, since: 2024-02-29, name: "x\ty"}
      "b\"q": {note: "back\\slash \u0001 \u001f é ☃"}
      c:
    default: c
  country:
    values: [US, KH, CN]
    groups:
      later: [CN, {member: KH, effective: 2026-02-03}]
rules:
  - id: r1
    effect: deny
    when: country in later and not model == a or model.ratio > 0
    because: "quote \" and newline \n and bell \a and del \x7f"
    cite: "\r\f\b"
    obligations: [z, a]
    tags: [t2, t1]
    outcome: stop
    effective: 2025-01-01
    expires: 2027-01-01
  - id: r0
    effect: allow
    overrides: [r1]
)");
  CheckCanonical(p);
}

TEST_CASE("The digest's text is nlohmann's dump of itself on random policies",
          "[resolve][digest][property]") {
  int checked = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    const compile::testing::YamlFiles files = compile::testing::RandomYaml(seed).Make();
    LoadOptions options;
    options.resolver = MakeMemoryResolver(files.files);
    const std::string& root_text =
        files.files[files.files.size() == 1 || files.files[0].first == "root.yaml" ? 0 : 1].second;
    auto policy = LoadPolicyFromString(files.root, root_text, options);
    if (!policy) continue;  // strict conflicts: not this test's business
    CAPTURE(seed);
    CheckCanonical(*policy);
    ++checked;
  }
  CHECK(checked > 100);
}
