// What the Python `Policy` object holds: the policy and the text of every file it was loaded from (so a
// pickled policy reloads from that text and never reads a path again).
// Immutable once made; shared by the decisions made with it.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance::python {

struct Sources {
  std::string root;  // the root file's name, as the resolver located it
  // How each include was located: (from, as written) -> name.
  std::vector<std::pair<std::pair<std::string, std::string>, std::string>> located;
  std::vector<std::pair<std::string, std::string>> files;  // name -> text, load order
};

struct PolicyHandle {
  PolicyHandle(Policy loaded, std::shared_ptr<const Sources> texts);

  Policy policy;
  std::shared_ptr<const Sources> sources;  // for a compiled policy: its root only
  bool compiled = false;                   // read from a snapshot (pickled as one)
};

// Loads from files (confined to `root` when not empty), recording the texts.
PolicyHandle LoadFromFiles(const std::string& path, const std::string& root, bool allow_absolute);
// Loads a single-file policy from text: nothing is read from disk.
PolicyHandle LoadFromText(const std::string& text, const std::string& name);
// Loads again from recorded texts, exactly as the files were located.
PolicyHandle LoadFromSources(Sources sources);
// Reads a compiled snapshot from a file, or from its bytes (`name` for messages).
PolicyHandle LoadCompiledFile(const std::string& path, const std::string& key);
PolicyHandle LoadCompiledBytes(const std::string& bytes, const std::string& name);

}  // namespace clearance::python
