#include "handle.hpp"

#include <map>

#include "clearance/snapshot.hpp"
#include "convert.hpp"

namespace clearance::python {
namespace {

using Located = std::map<std::pair<std::string, std::string>, std::string>;

// Wraps another resolver and keeps what it located and read.
class RecordingResolver final : public SourceResolver {
 public:
  explicit RecordingResolver(std::unique_ptr<SourceResolver> inner) : inner_(std::move(inner)) {}

  Result<std::string> Locate(std::string_view from, std::string_view path) override {
    Result<std::string> name = inner_->Locate(from, path);
    if (name) {
      if (from.empty() && sources_.root.empty()) sources_.root = *name;
      sources_.located.push_back({{std::string(from), std::string(path)}, *name});
    }
    return name;
  }

  Result<std::string> Read(std::string_view name, std::size_t max_bytes) override {
    Result<std::string> text = inner_->Read(name, max_bytes);
    if (text && !read_.count(std::string(name))) {
      read_[std::string(name)] = true;
      sources_.files.emplace_back(std::string(name), *text);
    }
    return text;
  }

  Sources Take() { return std::move(sources_); }

 private:
  std::unique_ptr<SourceResolver> inner_;
  Sources sources_;
  std::map<std::string, bool> read_;
};

// Serves recorded texts under the names they had; locates only what was
// located when they were recorded. (MakeMemoryResolver would normalize the
// names and refuse "../" and absolute ones, so traces could change.)
class ReplayResolver final : public SourceResolver {
 public:
  explicit ReplayResolver(const Sources& sources) {
    for (const auto& [key, name] : sources.located) located_[key] = name;
    for (const auto& [name, text] : sources.files) files_[name] = text;
  }

  Result<std::string> Locate(std::string_view from, std::string_view path) override {
    auto it = located_.find({std::string(from), std::string(path)});
    if (it == located_.end())
      return Error::Message("'" + std::string(path) + "' is not among the policy's files", "io");
    return it->second;
  }

  Result<std::string> Read(std::string_view name, std::size_t max_bytes) override {
    auto it = files_.find(std::string(name));
    if (it == files_.end()) return Error::Message("no such file", "io");
    return it->second.substr(0, max_bytes + 1);
  }

 private:
  Located located_;
  std::map<std::string, std::string> files_;
};

Policy Loaded(Result<Policy> policy) {
  if (!policy) throw PolicyFailure{policy.error()};
  return std::move(*policy);
}

}  // namespace

PolicyHandle::PolicyHandle(Policy loaded, std::shared_ptr<const Sources> texts)
    : policy(std::move(loaded)), sources(std::move(texts)) {}

PolicyHandle LoadFromFiles(const std::string& path, const std::string& root, bool allow_absolute) {
  auto recorder = std::make_shared<RecordingResolver>(MakeFileResolver({root, allow_absolute}));
  LoadOptions options;
  options.resolver = recorder;
  Result<Policy> policy = [&] {
    py::gil_scoped_release unlocked;
    return LoadPolicy(path, options);
  }();
  Policy loaded = Loaded(std::move(policy));
  return PolicyHandle(std::move(loaded), std::make_shared<const Sources>(recorder->Take()));
}

PolicyHandle LoadFromText(const std::string& text, const std::string& name) {
  Sources sources;
  sources.root = name;
  sources.located.push_back({{"", name}, name});
  sources.files.emplace_back(name, text);
  return LoadFromSources(std::move(sources));
}

PolicyHandle LoadCompiledFile(const std::string& path, const std::string& key) {
  Result<Policy> policy = [&] {
    py::gil_scoped_release unlocked;
    return LoadCompiled(path, {key});
  }();
  auto sources = std::make_shared<Sources>();
  sources->root = path;
  PolicyHandle handle(Loaded(std::move(policy)), std::move(sources));
  handle.compiled = true;
  return handle;
}

PolicyHandle LoadCompiledBytes(const std::string& bytes, const std::string& name) {
  Result<Policy> policy = [&] {
    py::gil_scoped_release unlocked;
    return LoadCompiledFromString(name, bytes);
  }();
  auto sources = std::make_shared<Sources>();
  sources->root = name;
  PolicyHandle handle(Loaded(std::move(policy)), std::move(sources));
  handle.compiled = true;
  return handle;
}

PolicyHandle LoadFromSources(Sources sources) {
  LoadOptions options;
  options.resolver = std::make_shared<ReplayResolver>(sources);
  const std::string root = sources.root;
  Result<Policy> policy = [&] {
    py::gil_scoped_release unlocked;
    return LoadPolicy(root, options);
  }();
  Policy loaded = Loaded(std::move(policy));
  return PolicyHandle(std::move(loaded), std::make_shared<const Sources>(std::move(sources)));
}

}  // namespace clearance::python
