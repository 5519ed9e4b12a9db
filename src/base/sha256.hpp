// SHA-256 and HMAC-SHA256 through OpenSSL, for policy digests and keyed
// snapshot checksums; XXH3-128 (xxHash, header-only) for unkeyed snapshot
// checksums, where it catches damage at memory speed (SHA-256 took 7 ms of
// reading a 14 MiB snapshot).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace clearance {

using Sha256Bytes = std::array<unsigned char, 32>;

Sha256Bytes Sha256(std::string_view data);
Sha256Bytes HmacSha256(std::string_view key, std::string_view data);
// XXH3-128 in the first 16 bytes, the rest zero.
Sha256Bytes Xxh3Checksum(std::string_view data);
std::string Hex(const Sha256Bytes& bytes);
inline std::string Sha256Hex(std::string_view data) { return Hex(Sha256(data)); }

}  // namespace clearance
