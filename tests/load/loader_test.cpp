// Reading a policy's files: includes in policy order, each file once,
// cycles named in full, the file-count and file-size limits.
#include <catch2/catch.hpp>

#include "load/load_fixtures.hpp"

namespace clearance::load_test {
namespace {

const std::string kHead = "clearance: 1\n";

TEST_CASE("a diamond of includes merges the shared file once") {
  auto policy = LoadFiles({
      {"root.yaml", kPolicy + "include: [a.yaml, b.yaml]\n"},
      {"a.yaml", kHead + "include: [shared.yaml]\n"},
      {"b.yaml", kHead + "include: [shared.yaml]\n"},
      {"shared.yaml", kHead + "dimensions:\n  use: {values: [research]}\n"},
  });
  REQUIRE(policy);
  CHECK(policy->dimensions().size() == 3);
}

TEST_CASE("an include cycle is an error naming the whole cycle at the include that closes it") {
  CHECK(FirstError(Files{
            {"root.yaml", kPolicy + "include: [a.yaml]\n"},
            {"a.yaml", kHead + "include: [sub/b.yaml]\n"},
            {"sub/b.yaml", kHead + "include: [../a.yaml]\n"},
        }) == "sub/b.yaml:2:11: error: include cycle: a.yaml -> sub/b.yaml -> a.yaml [cycle]");
}

TEST_CASE("an extends cycle is an error naming the whole cycle") {
  CHECK(FirstError(Files{
            {"root.yaml", "clearance: 1\npolicy: r\nextends: base.yaml\n"},
            {"base.yaml", "clearance: 1\npolicy: b\nextends: root.yaml\n"},
        }) == "base.yaml:3:10: error: extends cycle: root.yaml -> base.yaml -> root.yaml [cycle]");
}

TEST_CASE("more files than the limit is an error at the include that goes over") {
  Files files = {{"root.yaml", kPolicy + "include: [f1.yaml]\n"}};
  for (int i = 1; i <= 5; ++i) {
    files.push_back({"f" + std::to_string(i) + ".yaml", kHead + "include: [f" + std::to_string(i + 1) + ".yaml]\n"});
  }
  files.push_back({"f6.yaml", kHead});
  Limits limits;
  limits.max_files = 7;
  CHECK(FirstError(files, limits) == "<loaded>");
  limits.max_files = 4;
  CHECK(FirstError(files, limits) == "f3.yaml:2:11: error: the policy has more than 4 files [limit]");
}

TEST_CASE("an included file over the size limit is an error in that file") {
  Limits limits;
  limits.max_file_bytes = 200;
  CHECK(FirstError(Files{{"root.yaml", kPolicy + "include: [big.yaml]\n"},
                         {"big.yaml", kHead + "description: " + std::string(300, 'x') + "\n"}},
                   limits) == "big.yaml:1:1: error: the file is larger than the limit of 200 bytes [limit]");
}

TEST_CASE("a policy given as text is limited like a file") {
  Limits limits;
  limits.max_file_bytes = 100;
  LoadOptions options;
  options.limits = limits;
  auto policy = LoadPolicyFromString("inline.yaml", kPolicy, options);
  REQUIRE_FALSE(policy);
  CHECK(policy.error().message() == "inline.yaml:1:1: error: the file is larger than the limit of 100 bytes [limit]");
}

TEST_CASE("every mistake of every file is reported, in file order") {
  const auto errors = Errors({
      {"root.yaml", kPolicy + "include: [a.yaml, b.yaml]\nbogus: 1\n"},
      {"a.yaml", kHead + "default: allow\n"},
      {"b.yaml", "dimensions: {}\n"},
  });
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "root.yaml:11:1: error: unknown key 'bogus' in the policy file [unknown-key]");
  CHECK(errors[1] == "a.yaml:2:1: error: 'default' may only be set in a policy's root file, not in an included file [include]");
  CHECK(errors[2] == "b.yaml:1:1: error: missing 'clearance: 1' [version]");
}

}  // namespace
}  // namespace clearance::load_test
