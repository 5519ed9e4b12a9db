// The stock SourceResolvers: files on disk (optionally confined to a
// folder) and files held in memory.
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "clearance/policy.hpp"

namespace clearance {
namespace {

namespace fs = std::filesystem;

Error Fail(std::string message) { return Error::Message(std::move(message), "io", ErrorKind::kNotFound); }

std::string Joined(std::string_view from, std::string_view path) {
  fs::path p(path);
  if (!from.empty() && p.is_relative()) p = fs::path(from).parent_path() / p;
  std::string out = p.lexically_normal().generic_string();
  return out.empty() ? std::string(".") : out;
}

bool IsInside(const fs::path& root, const fs::path& path) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) break;  // trailing separator
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

// A path with a NUL would be cut short by the operating system and name
// another file than the one checked.
std::optional<Error> BadPath(std::string_view path) {
  if (path.empty()) return Fail("an empty path");
  if (path.find('\0') != std::string_view::npos) return Fail("a path may not contain a NUL character");
  return std::nullopt;
}

class FileResolver final : public SourceResolver {
 public:
  explicit FileResolver(FileResolverOptions options) : options_(std::move(options)) {
    if (!options_.confine_to.empty()) {
      std::error_code ec;
      root_ = fs::weakly_canonical(fs::absolute(options_.confine_to, ec), ec);
      if (ec) root_ = fs::absolute(options_.confine_to, ec).lexically_normal();
    }
  }

  Result<std::string> Locate(std::string_view from, std::string_view path) override {
    if (auto bad = BadPath(path)) return *bad;
    if (!from.empty() && fs::path(path).is_absolute() && !options_.allow_absolute) {
      return Fail("absolute path '" + std::string(path) + "' is not allowed");
    }
    std::string name = Joined(from, path);
    if (auto outside = CheckConfined(name, path)) return *outside;
    return name;
  }

  Result<std::string> Read(std::string_view name, std::size_t max_bytes) override {
    if (auto bad = BadPath(name)) return *bad;
    // Checked again: the file system may have changed since Locate.
    if (auto outside = CheckConfined(std::string(name), name)) return *outside;
    std::error_code ec;
    const fs::path path(name);
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return Fail("no such file");
    if (fs::is_directory(status)) return Fail("it is a directory");
    // A FIFO or a device could block or never end.
    if (!fs::is_regular_file(status)) return Fail("it is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail("cannot open it");
    std::string text;
    char buffer[1 << 16];
    while (in && text.size() <= max_bytes) {
      in.read(buffer, sizeof buffer);
      text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return Fail("read error");
    if (text.size() > max_bytes + 1) text.resize(max_bytes + 1);
    return text;
  }

 private:
  // Symlinks are followed: a link inside the root that leads outside is
  // outside.
  std::optional<Error> CheckConfined(const std::string& name, std::string_view as_written) const {
    if (root_.empty()) return std::nullopt;
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(fs::absolute(name, ec), ec);
    if (ec) return Fail("cannot resolve '" + std::string(as_written) + "': " + ec.message());
    if (!IsInside(root_, real)) {
      return Fail("'" + std::string(as_written) + "' resolves outside the root folder '" + options_.confine_to + "'");
    }
    return std::nullopt;
  }

  FileResolverOptions options_;
  fs::path root_;
};

class MemoryResolver final : public SourceResolver {
 public:
  explicit MemoryResolver(std::vector<std::pair<std::string, std::string>> files) {
    for (auto& [name, text] : files) files_[Joined("", name)] = std::move(text);
  }

  Result<std::string> Locate(std::string_view from, std::string_view path) override {
    if (auto bad = BadPath(path)) return *bad;
    if (fs::path(path).is_absolute() && !from.empty()) {
      return Fail("absolute path '" + std::string(path) + "' is not allowed");
    }
    std::string name = Joined(from, path);
    if (name.starts_with("../") || name == "..") {
      return Fail("'" + std::string(path) + "' resolves outside the policy's files");
    }
    if (!files_.count(name)) return Fail("no such file '" + name + "'");
    return name;
  }

  Result<std::string> Read(std::string_view name, std::size_t max_bytes) override {
    auto it = files_.find(std::string(name));
    if (it == files_.end()) return Fail("no such file");
    return it->second.substr(0, max_bytes + 1);
  }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace

std::unique_ptr<SourceResolver> MakeFileResolver(FileResolverOptions options) {
  return std::make_unique<FileResolver>(std::move(options));
}

std::unique_ptr<SourceResolver> MakeMemoryResolver(std::vector<std::pair<std::string, std::string>> files) {
  return std::make_unique<MemoryResolver>(std::move(files));
}

}  // namespace clearance
