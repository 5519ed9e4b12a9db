// Compiled snapshots: a policy loaded, checked and compiled once, written to
// a file, and read back ready to decide in milliseconds (a service restart,
// a hot reload of a large policy, a batch job's start).
//
//   auto policy = clearance::LoadPolicy("rules/frontier-2026/base.yaml");
//   auto info = clearance::SaveCompiled(*policy, "base.clearance");   // once
//   ...
//   auto fast = clearance::LoadCompiled("base.clearance");            // every start
//   if (!fast) { std::cerr << fast.error().ToString(); return 2; }
//
// A snapshot holds everything a loaded Policy has (decision graph, names,
// rule texts, source files for traces and lint, the digest) behind a header
// with a format version and a checksum over the rest. Reading never trusts
// it: a file that is truncated, corrupted, of another format version, or
// not a snapshot is refused with an error naming the file; and every index
// inside is checked before use, so even a snapshot edited and given a fresh
// checksum cannot make the library read out of bounds. To refuse edited
// snapshots as well, give writer and readers a shared key: the checksum is
// then an HMAC that only key holders can make.
//
// The policy read back decides, explains, lints and diffs exactly as the
// policy that was saved (same digest, same traces and sources); it does not
// read the policy's files again, so a snapshot goes stale when they change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clearance/diagnostic.hpp"
#include "clearance/policy.hpp"

namespace clearance {

// The format version this library writes and reads; another is refused.
inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

struct SnapshotOptions {
  // Empty: the checksum is an XXH3-128 of the contents, which catches damage.
  // Set: an HMAC-SHA256 under this key, which also catches edits; a reader
  // with a key refuses snapshots written without it or under another.
  std::string key;
};

struct SnapshotSource {
  std::string name;    // as loaded (shown in traces)
  std::string sha256;  // of the file's bytes, hex
};

// What a snapshot says about itself.
struct SnapshotInfo {
  std::uint32_t format_version = kSnapshotFormatVersion;
  std::string library_version;  // of the clearance that wrote it
  std::string policy_name;
  std::string digest;           // the policy's, as Policy::digest()
  std::vector<SnapshotSource> sources;
  bool keyed = false;
  std::size_t bytes = 0;
};

// The snapshot's bytes.
std::string SaveCompiledToString(const Policy& policy, const SnapshotOptions& options = {});
// Writes the snapshot to `path` (a temporary file renamed over it, so readers
// never see half a snapshot).
Result<SnapshotInfo> SaveCompiled(const Policy& policy, std::string_view path, const SnapshotOptions& options = {});

// Reads a snapshot written by SaveCompiled; `name` stands for the file in
// messages.
Result<Policy> LoadCompiled(std::string_view path, const SnapshotOptions& options = {});
Result<Policy> LoadCompiledFromString(std::string_view name, std::string_view bytes,
                                      const SnapshotOptions& options = {});
// The header and sources of a snapshot, checked as LoadCompiled checks them.
Result<SnapshotInfo> ReadSnapshotInfo(std::string_view path, const SnapshotOptions& options = {});

// A snapshot when the file at `path` starts like one, else
// LoadPolicy(path, options): what the command line, test files and Engine
// use, so that wherever a policy file is named a snapshot may stand in its
// place (read with options.snapshot_key).
Result<Policy> LoadPolicyOrCompiled(std::string_view path, const LoadOptions& options = {});

// Whether `prefix` (a file's first bytes, at least 8) starts like a
// snapshot. No policy file does: snapshots start with a byte that is not
// UTF-8.
bool LooksLikeSnapshot(std::string_view prefix);
// The same for a file; false when it cannot be read.
bool IsSnapshotFile(std::string_view path);

}  // namespace clearance
