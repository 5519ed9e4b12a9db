#include "load/loader.hpp"

#include <algorithm>
#include <set>

#include "load/file_reader.hpp"

namespace clearance::load {
namespace {

class Loader {
 public:
  Loader(SourceResolver& resolver, const Limits& limits, SourceTable& sources, Diagnostics& diags)
      : resolver_(resolver), limits_(limits), sources_(sources), diags_(diags) {}

  std::unique_ptr<PolicyDoc> LoadLayer(const std::string& name, std::optional<std::string_view> text,
                                       Mark cited_at);

 private:
  std::optional<std::uint32_t> ReadSource(const std::string& name, std::optional<std::string_view> text,
                                          Mark cited_at);
  std::optional<std::string> Locate(std::uint32_t from, const Text& path);
  void LoadIncludes(const FileDoc& file, PolicyDoc& layer);
  std::string Chain(const std::vector<std::string>& stack, const std::string& again) const;

  SourceResolver& resolver_;
  const Limits& limits_;
  SourceTable& sources_;
  Diagnostics& diags_;
  std::set<std::string> loaded_;            // every file merged so far, all layers
  std::vector<std::string> include_stack_;  // for include cycles
  std::vector<std::string> extends_stack_;  // for extends cycles
};

std::string Loader::Chain(const std::vector<std::string>& stack, const std::string& again) const {
  auto start = std::find(stack.begin(), stack.end(), again);
  std::string out;
  for (auto it = start; it != stack.end(); ++it) out += *it + " -> ";
  return out + again;
}

std::optional<std::uint32_t> Loader::ReadSource(const std::string& name,
                                                std::optional<std::string_view> text, Mark cited_at) {
  if (sources_.size() >= limits_.max_files) {
    diags_.Error(cited_at, "limit", "the policy has more than " + std::to_string(limits_.max_files) + " files");
    return std::nullopt;
  }
  std::string bytes;
  if (text) {
    bytes = std::string(*text);
  } else {
    Result<std::string> read = resolver_.Read(name, limits_.max_file_bytes);
    if (!read) {
      if (sources_.size() == 0) diags_.SetKind(ErrorKind::kNotFound);  // the root itself
      diags_.Error(cited_at, "io", "cannot read '" + name + "': " + read.error().diagnostics().front().message);
      return std::nullopt;
    }
    bytes = std::move(*read);
  }
  return sources_.Add(name, std::move(bytes));
}

std::optional<std::string> Loader::Locate(std::uint32_t from, const Text& path) {
  Result<std::string> name = resolver_.Locate(sources_.file(from).name, path.text);
  if (!name) {
    diags_.Error(path.mark, "io", name.error().diagnostics().front().message);
    return std::nullopt;
  }
  return *name;
}

std::unique_ptr<PolicyDoc> Loader::LoadLayer(const std::string& name, std::optional<std::string_view> text,
                                             Mark cited_at) {
  auto file = ReadSource(name, text, cited_at);
  if (!file) return nullptr;
  std::optional<FileDoc> root = ReadFile(sources_, *file, FileRole::kLayerRoot, limits_, diags_);
  if (!root) return nullptr;
  auto layer = std::make_unique<PolicyDoc>();
  extends_stack_.push_back(name);
  loaded_.insert(name);
  if (root->extends) {
    if (auto base_name = Locate(*file, *root->extends)) {
      if (std::find(extends_stack_.begin(), extends_stack_.end(), *base_name) != extends_stack_.end()) {
        diags_.Error(root->extends->mark, "cycle", "extends cycle: " + Chain(extends_stack_, *base_name));
      } else {
        layer->base = LoadLayer(*base_name, std::nullopt, root->extends->mark);
        if (!layer->base && !diags_.has_errors()) {
          diags_.Error(root->extends->mark, "extends", "the base policy could not be loaded");
        }
      }
    }
  }
  extends_stack_.pop_back();
  include_stack_ = {name};
  layer->files.push_back(std::move(*root));
  LoadIncludes(layer->files.front(), *layer);
  return layer;
}

void Loader::LoadIncludes(const FileDoc& file, PolicyDoc& layer) {
  // `file` may move when layer.files grows: copy what is needed first.
  const std::vector<Text> includes = file.includes;
  const std::uint32_t from = file.file;
  for (const Text& path : includes) {
    auto name = Locate(from, path);
    if (!name) continue;
    if (std::find(include_stack_.begin(), include_stack_.end(), *name) != include_stack_.end()) {
      diags_.Error(path.mark, "cycle", "include cycle: " + Chain(include_stack_, *name));
      continue;
    }
    if (!loaded_.insert(*name).second) continue;  // a diamond: merged once
    auto index = ReadSource(*name, std::nullopt, path.mark);
    if (!index) continue;
    std::optional<FileDoc> doc = ReadFile(sources_, *index, FileRole::kIncluded, limits_, diags_);
    if (!doc) continue;
    include_stack_.push_back(*name);
    layer.files.push_back(std::move(*doc));
    LoadIncludes(layer.files.back(), layer);
    include_stack_.pop_back();
  }
}

}  // namespace

std::unique_ptr<PolicyDoc> LoadDocument(std::string_view root, std::optional<std::string_view> root_text,
                                        SourceResolver& resolver, const Limits& limits,
                                        SourceTable& sources, Diagnostics& diagnostics) {
  Loader loader(resolver, limits, sources, diagnostics);
  std::string name(root);
  if (!root_text) {
    Result<std::string> located = resolver.Locate("", root);
    if (!located) {
      diagnostics.SetKind(ErrorKind::kNotFound);
      diagnostics.Add(located.error().diagnostics().front());
      return nullptr;
    }
    name = *located;
  }
  return loader.LoadLayer(name, root_text, Mark{});
}

}  // namespace clearance::load
