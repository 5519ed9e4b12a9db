// The stock resolvers. A confined file resolver rejects `..` escapes,
// absolute paths and symlinks that lead outside its root; no resolver opens
// anything but a regular file (a FIFO would hang the loader).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "clearance/policy.hpp"

namespace clearance {
namespace {

namespace fs = std::filesystem;

// A fresh folder tree for one test, removed afterwards:
//   <tmp>/root/policy.yaml, <tmp>/root/sub/inner.yaml, <tmp>/outside.yaml
class Sandbox {
 public:
  Sandbox() {
    base_ = fs::temp_directory_path() / ("clearance-resolvers-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter_++));
    fs::remove_all(base_);
    fs::create_directories(root() / "sub");
    Write(root() / "policy.yaml", "clearance: 1\n");
    Write(root() / "sub" / "inner.yaml", "clearance: 1\n");
    Write(base_ / "outside.yaml", "clearance: 1\n");
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }
  fs::path base() const { return base_; }
  fs::path root() const { return base_ / "root"; }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

 private:
  fs::path base_;
  static inline int counter_ = 0;
};

std::string Message(const Result<std::string>& r) {
  return r ? "ok: " + *r : r.error().diagnostics().front().message;
}

TEST_CASE("a confined resolver accepts paths inside its root") {
  Sandbox box;
  auto resolver = MakeFileResolver({box.root().string(), false});
  const std::string root_file = (box.root() / "policy.yaml").string();
  CHECK(Message(resolver->Locate("", root_file)) == "ok: " + root_file);
  CHECK(Message(resolver->Locate(root_file, "sub/inner.yaml")) == "ok: " + (box.root() / "sub/inner.yaml").string());
  CHECK(Message(resolver->Locate(root_file, "sub/../policy.yaml")) == "ok: " + root_file);
  auto text = resolver->Read(root_file, 100);
  REQUIRE(text);
  CHECK(*text == "clearance: 1\n");
}

TEST_CASE("a confined resolver rejects '..' escapes") {
  Sandbox box;
  auto resolver = MakeFileResolver({box.root().string(), false});
  const std::string from = (box.root() / "sub" / "inner.yaml").string();
  CHECK(Message(resolver->Locate(from, "../../outside.yaml")) ==
        "'../../outside.yaml' resolves outside the root folder '" + box.root().string() + "'");
  CHECK(Message(resolver->Locate("", (box.base() / "outside.yaml").string())) ==
        "'" + (box.base() / "outside.yaml").string() + "' resolves outside the root folder '" + box.root().string() + "'");
}

TEST_CASE("a root folder is not a prefix of its sibling's name") {
  Sandbox box;
  fs::create_directories(box.base() / "root2");
  Sandbox::Write(box.base() / "root2" / "x.yaml", "clearance: 1\n");
  auto resolver = MakeFileResolver({box.root().string(), false});
  CHECK_FALSE(resolver->Locate((box.root() / "policy.yaml").string(), "../root2/x.yaml"));
}

TEST_CASE("absolute include paths are errors unless allowed") {
  Sandbox box;
  const std::string from = (box.root() / "policy.yaml").string();
  const std::string inner = (box.root() / "sub" / "inner.yaml").string();
  auto strict = MakeFileResolver({box.root().string(), false});
  CHECK(Message(strict->Locate(from, inner)) == "absolute path '" + inner + "' is not allowed");
  auto lenient = MakeFileResolver({box.root().string(), true});
  CHECK(Message(lenient->Locate(from, inner)) == "ok: " + inner);
  // Allowed absolute paths are still confined.
  const std::string outside = (box.base() / "outside.yaml").string();
  CHECK(Message(lenient->Locate(from, outside)) ==
        "'" + outside + "' resolves outside the root folder '" + box.root().string() + "'");
  // Unconfined and unallowed: still an error.
  CHECK(Message(MakeFileResolver()->Locate(from, inner)) == "absolute path '" + inner + "' is not allowed");
}

TEST_CASE("symlinks are followed: leading outside is an error, staying inside is fine") {
  Sandbox box;
  fs::create_symlink(box.base() / "outside.yaml", box.root() / "link-out.yaml");
  fs::create_symlink(box.root() / "sub" / "inner.yaml", box.root() / "link-in.yaml");
  fs::create_directory_symlink(box.base(), box.root() / "up");
  auto resolver = MakeFileResolver({box.root().string(), false});
  const std::string from = (box.root() / "policy.yaml").string();
  CHECK(Message(resolver->Locate(from, "link-out.yaml")) ==
        "'link-out.yaml' resolves outside the root folder '" + box.root().string() + "'");
  CHECK(Message(resolver->Locate(from, "up/outside.yaml")) ==
        "'up/outside.yaml' resolves outside the root folder '" + box.root().string() + "'");
  CHECK(resolver->Locate(from, "link-in.yaml"));
  // Swapped for an escaping link after Locate: Read checks again.
  const std::string swapped = (box.root() / "link-in.yaml").string();
  fs::remove(swapped);
  fs::create_symlink(box.base() / "outside.yaml", swapped);
  CHECK_FALSE(resolver->Read(swapped, 100));
}

TEST_CASE("the root folder may itself be reached through a symlink") {
  Sandbox box;
  fs::create_directory_symlink(box.root(), box.base() / "alias");
  auto resolver = MakeFileResolver({(box.base() / "alias").string(), false});
  CHECK(resolver->Locate("", (box.base() / "alias" / "policy.yaml").string()));
  CHECK(resolver->Locate("", (box.root() / "policy.yaml").string()));
}

TEST_CASE("only regular files are read") {
  Sandbox box;
  const fs::path fifo = box.root() / "pipe.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto resolver = MakeFileResolver();
  CHECK(Message(resolver->Read(fifo.string(), 100)) == "it is not a regular file");
  CHECK(Message(resolver->Read((box.root() / "sub").string(), 100)) == "it is a directory");
  CHECK(Message(resolver->Read((box.root() / "missing.yaml").string(), 100)) == "no such file");
}

TEST_CASE("a read stops just past the size limit") {
  Sandbox box;
  Sandbox::Write(box.root() / "big.yaml", std::string(1 << 20, 'x'));
  auto text = MakeFileResolver()->Read((box.root() / "big.yaml").string(), 1000);
  REQUIRE(text);
  CHECK(text->size() == 1001);
}

TEST_CASE("a path with a NUL is rejected rather than cut short") {
  const std::string path("policy.yaml\0../../etc/passwd", 28);
  CHECK(Message(MakeFileResolver()->Locate("a.yaml", path)) == "a path may not contain a NUL character");
  CHECK(Message(MakeMemoryResolver({{"a.yaml", ""}})->Locate("a.yaml", path)) ==
        "a path may not contain a NUL character");
}

TEST_CASE("the memory resolver keeps paths among its names") {
  auto resolver = MakeMemoryResolver({{"p/root.yaml", "x"}, {"p/common/a.yaml", "y"}, {"other.yaml", "z"}});
  CHECK(Message(resolver->Locate("p/root.yaml", "common/a.yaml")) == "ok: p/common/a.yaml");
  CHECK(Message(resolver->Locate("p/root.yaml", "../other.yaml")) == "ok: other.yaml");
  CHECK(Message(resolver->Locate("p/root.yaml", "../../x.yaml")) == "'../../x.yaml' resolves outside the policy's files");
  CHECK(Message(resolver->Locate("p/root.yaml", "/other.yaml")) == "absolute path '/other.yaml' is not allowed");
  CHECK(Message(resolver->Locate("p/root.yaml", "missing.yaml")) == "no such file 'p/missing.yaml'");
  auto text = resolver->Read("p/root.yaml", 0);
  REQUIRE(text);
  CHECK(*text == "x");
}

}  // namespace
}  // namespace clearance
