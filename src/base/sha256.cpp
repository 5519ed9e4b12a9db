#include "base/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#define XXH_INLINE_ALL  // header-only: no library to link or to export
#include <xxhash.h>

#include <cstring>

namespace clearance {

Sha256Bytes Sha256(std::string_view data) {
  Sha256Bytes out{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr);
  return out;
}

Sha256Bytes HmacSha256(std::string_view key, std::string_view data) {
  Sha256Bytes out{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out.data(), &length);
  return out;
}

Sha256Bytes Xxh3Checksum(std::string_view data) {
  const XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  Sha256Bytes out{};
  std::memcpy(out.data(), &h.low64, 8);
  std::memcpy(out.data() + 8, &h.high64, 8);
  return out;
}

std::string Hex(const Sha256Bytes& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace clearance
