// Compiled snapshots: a fixed header (magic, format version, flags, payload
// size, checksum), then the payload: the writer's version, the source files,
// the resolved policy and the decision graph (resolve/resolved_io.cpp,
// compile/graph_io.cpp). Everything is little-endian.
#include "clearance/snapshot.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "api/policy_access.hpp"
#include "api/snapshot_seal.hpp"
#include "base/byte_io.hpp"
#include "base/sha256.hpp"
#include "clearance/version.hpp"
#include "compile/graph_io.hpp"
#include "resolve/resolved_io.hpp"

namespace clearance {
namespace {

using internal::PolicyData;

// 0x89 is not UTF-8 on its own, so no policy file starts like this (PNG's trick).
constexpr std::string_view kMagic("\x89" "CLRSNP\n", 8);
constexpr std::uint32_t kKeyedFlag = 1;
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 32;

Sha256Bytes Checksum(std::string_view payload, const SnapshotOptions& options) {
  return options.key.empty() ? Xxh3Checksum(payload) : HmacSha256(options.key, payload);
}

Error SnapshotError(std::string_view name, std::string message, ErrorKind kind = ErrorKind::kBadInput) {
  Diagnostic d;
  d.where.file = std::string(name);
  d.code = "snapshot";
  d.message = std::move(message);
  return Error({std::move(d)}, kind);
}

void WritePayload(const PolicyData& data, ByteWriter& out) {
  out.String(kVersion);
  out.U64(data.sources.size());
  for (std::uint32_t f = 0; f < data.sources.size(); ++f) {
    out.String(data.sources.file(f).name);
    out.String(data.sources.file(f).text);
  }
  resolve::WriteResolved(data.resolved, out);
  compile::WriteGraph(data.graph, out);
}

// The header, checked; the payload in *payload.
Result<SnapshotInfo> ReadHeader(std::string_view name, std::string_view bytes, const SnapshotOptions& options,
                                std::string_view* payload) {
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
    return SnapshotError(name, "not a compiled policy (no snapshot header); `clearance compile` writes one");
  }
  if (bytes.size() < kHeaderBytes) return SnapshotError(name, "truncated snapshot: the header is incomplete");
  ByteReader in(bytes.substr(kMagic.size(), kHeaderBytes - kMagic.size()));
  SnapshotInfo info;
  info.format_version = in.U32("version");
  const std::uint32_t flags = in.U32("flags");
  const std::uint64_t size = in.U64("size");
  if (info.format_version != kSnapshotFormatVersion) {
    return SnapshotError(name, "snapshot format version " + std::to_string(info.format_version) +
                                   ", but this clearance reads version " + std::to_string(kSnapshotFormatVersion) +
                                   "; compile the policy again");
  }
  if (flags & ~kKeyedFlag) return SnapshotError(name, "unknown snapshot flags " + std::to_string(flags));
  info.keyed = (flags & kKeyedFlag) != 0;
  if (size != bytes.size() - kHeaderBytes) {
    return SnapshotError(name, "truncated snapshot: " + std::to_string(bytes.size() - kHeaderBytes) +
                                   " bytes of contents, the header says " + std::to_string(size));
  }
  if (info.keyed != !options.key.empty()) {
    return SnapshotError(name, info.keyed ? "the snapshot is signed with a key; give the key to read it"
                                          : "the snapshot is not signed, but a key was given; refusing it");
  }
  *payload = bytes.substr(kHeaderBytes);
  const Sha256Bytes sum = Checksum(*payload, options);
  if (std::memcmp(sum.data(), bytes.data() + kHeaderBytes - 32, sum.size()) != 0) {
    return SnapshotError(name, info.keyed ? "checksum mismatch: the snapshot was changed or the key is wrong"
                                          : "checksum mismatch: the snapshot is damaged or was changed");
  }
  info.bytes = bytes.size();
  return info;
}

// The payload's writer version and sources: into `sources` when given, else
// into info.sources with their hashes (which loading does not need).
void ReadSources(ByteReader& in, SnapshotInfo& info, SourceTable* sources) {
  info.library_version = in.String("library version");
  for (std::size_t n = in.Count(16, "sources"); n > 0 && in.ok(); --n) {
    std::string file = in.String("source name");
    std::string text = in.String("source text");
    if (sources) {
      sources->Add(std::move(file), std::move(text));
    } else {
      info.sources.push_back({std::move(file), Sha256Hex(text)});
    }
  }
}

// Read at its size in one go (a stream copy would double a large file's
// peak memory: 159 MiB at 100 000 rules).
Result<std::string> ReadFile(std::string_view path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(std::string(path), ec);
  std::ifstream file{std::string(path), std::ios::binary};
  if (ec || !file) {
    const bool folder = std::filesystem::is_directory(std::string(path), ec);
    return SnapshotError(path, folder ? "is a folder, not a snapshot" : "cannot read the snapshot",
                         ErrorKind::kNotFound);
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return SnapshotError(path, "cannot read the snapshot", ErrorKind::kNotFound);
  }
  return bytes;
}

}  // namespace

bool LooksLikeSnapshot(std::string_view prefix) { return prefix.substr(0, kMagic.size()) == kMagic; }

bool IsSnapshotFile(std::string_view path) {
  std::ifstream file{std::string(path), std::ios::binary};
  char head[kMagic.size()] = {};
  return file.read(head, sizeof head) && LooksLikeSnapshot({head, sizeof head});
}

namespace internal {

std::string SealSnapshot(std::string_view payload, const SnapshotOptions& options) {
  ByteWriter out;
  out.bytes().append(kMagic);
  out.U32(kSnapshotFormatVersion);
  out.U32(options.key.empty() ? 0 : kKeyedFlag);
  out.U64(payload.size());
  const Sha256Bytes sum = Checksum(payload, options);
  out.bytes().append(reinterpret_cast<const char*>(sum.data()), sum.size());
  out.bytes() += payload;
  return std::move(out.bytes());
}

}  // namespace internal

std::string SaveCompiledToString(const Policy& policy, const SnapshotOptions& options) {
  ByteWriter payload;
  WritePayload(internal::DataOf(policy), payload);
  return internal::SealSnapshot(payload.bytes(), options);
}

Result<SnapshotInfo> SaveCompiled(const Policy& policy, std::string_view path, const SnapshotOptions& options) {
  const std::string bytes = SaveCompiledToString(policy, options);
  const std::string temp = std::string(path) + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !file.flush()) {
      std::remove(temp.c_str());
      return SnapshotError(path, "cannot write the snapshot", ErrorKind::kNotFound);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, std::string(path), ec);
  if (ec) {
    std::remove(temp.c_str());
    return SnapshotError(path, "cannot write the snapshot: " + ec.message(), ErrorKind::kNotFound);
  }
  std::string_view payload;
  Result<SnapshotInfo> info = ReadHeader(path, bytes, options, &payload);
  if (!info) return info;
  ByteReader in(payload);
  ReadSources(in, *info, nullptr);
  info->policy_name = policy.name();
  info->digest = policy.digest();
  return info;
}

Result<Policy> LoadCompiledFromString(std::string_view name, std::string_view bytes, const SnapshotOptions& options) {
  std::string_view payload;
  Result<SnapshotInfo> info = ReadHeader(name, bytes, options, &payload);
  if (!info) return info.error();
  auto data = std::make_shared<PolicyData>();
  ByteReader in(payload);
  ReadSources(in, *info, &data->sources);
  std::optional<resolve::ResolvedPolicy> resolved;
  if (in.ok()) resolved = resolve::ReadResolved(in);
  std::optional<compile::DecisionGraph> graph;
  if (resolved) graph = compile::ReadGraph(in, *resolved);
  if (graph) in.Expect(in.left() == 0, "bytes after the decision graph");
  if (!in.ok()) return SnapshotError(name, "invalid snapshot (" + in.error() + ")");
  data->resolved = std::move(*resolved);
  data->graph = std::move(*graph);
  data->MakeIndexes();
  return internal::PolicyAccess::Make(std::move(data));
}

Result<Policy> LoadCompiled(std::string_view path, const SnapshotOptions& options) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes) return bytes.error();
  return LoadCompiledFromString(path, *bytes, options);
}

Result<Policy> LoadPolicyOrCompiled(std::string_view path, const LoadOptions& options) {
  if (IsSnapshotFile(path)) return LoadCompiled(path, {options.snapshot_key});
  return LoadPolicy(path, options);
}

Result<SnapshotInfo> ReadSnapshotInfo(std::string_view path, const SnapshotOptions& options) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes) return bytes.error();
  std::string_view payload;
  Result<SnapshotInfo> info = ReadHeader(path, *bytes, options, &payload);
  if (!info) return info;
  ByteReader in(payload);
  ReadSources(in, *info, nullptr);
  if (std::optional<resolve::ResolvedPolicy> resolved = in.ok() ? resolve::ReadResolved(in) : std::nullopt) {
    info->policy_name = resolved->name;
    info->digest = resolved->digest;
  }
  if (!in.ok()) return SnapshotError(path, "invalid snapshot (" + in.error() + ")");
  return info;
}

}  // namespace clearance
