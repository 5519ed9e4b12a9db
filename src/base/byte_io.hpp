// Little-endian binary encoding for compiled snapshots. The reader never
// trusts its input: every read is bounds-checked, a count may not promise
// more elements than the bytes left could hold, and the first failure sticks
// (later reads return zeros) with a message saying what was being read, so a
// decoder can read a whole structure and check ok() once.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clearance/date.hpp"

namespace clearance {

class ByteWriter {
 public:
  void U8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(std::uint32_t v) { Raw(&v, 4); }
  void U64(std::uint64_t v) { Raw(&v, 8); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Day(Date d) { U32(static_cast<std::uint32_t>(d.days())); }
  void OptDay(const std::optional<Date>& d) {
    Bool(d.has_value());
    if (d) Day(*d);
  }
  void String(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  void Strings(const std::vector<std::string>& list) {
    U64(list.size());
    for (const std::string& s : list) String(s);
  }
  void U32s(const std::vector<std::uint32_t>& list) {
    U64(list.size());
    Raw(list.data(), list.size() * 4);
  }

  std::string& bytes() { return out_; }

 private:
  void Raw(const void* p, std::size_t n) {
    static_assert(std::endian::native == std::endian::little, "snapshots are little-endian");
    out_.append(static_cast<const char*>(p), n);
  }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t left() const { return in_.size() - at_; }
  // Records the first problem; `what` names the structure being read.
  void Fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
    at_ = in_.size();
  }
  // A structural check: fails with `what` unless `condition` holds.
  bool Expect(bool condition, const char* what) {
    if (!condition) Fail(what);
    return condition && ok();
  }

  std::uint8_t U8(const char* what) {
    std::uint8_t v = 0;
    Raw(&v, 1, what);
    return v;
  }
  std::uint32_t U32(const char* what) {
    std::uint32_t v = 0;
    Raw(&v, 4, what);
    return v;
  }
  std::uint64_t U64(const char* what) {
    std::uint64_t v = 0;
    Raw(&v, 8, what);
    return v;
  }
  bool Bool(const char* what) {
    const std::uint8_t v = U8(what);
    Expect(v <= 1, what);
    return v == 1;
  }
  // A day within the years Date supports (0001-01-01 to 9999-12-31).
  Date Day(const char* what) {
    const auto days = static_cast<std::int32_t>(U32(what));
    Expect(days >= Date::Min().days() && days <= Date::Max().days(), what);
    return Date::FromDays(ok() ? days : 0);
  }
  std::optional<Date> OptDay(const char* what) {
    if (!Bool(what)) return std::nullopt;
    return Day(what);
  }
  // An element count, at most what `left()` bytes of `min_bytes` each hold.
  std::size_t Count(std::size_t min_bytes, const char* what) {
    const std::uint64_t n = U64(what);
    if (!Expect(n <= left() / (min_bytes == 0 ? 1 : min_bytes), what)) return 0;
    return static_cast<std::size_t>(n);
  }
  std::string String(const char* what) {
    const std::size_t n = Count(1, what);
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::vector<std::string> Strings(const char* what) {
    std::vector<std::string> out(Count(8, what));
    for (std::string& s : out) s = String(what);
    return out;
  }
  std::vector<std::uint32_t> U32s(const char* what) {
    std::vector<std::uint32_t> out(Count(4, what));
    Raw(out.data(), out.size() * 4, what);
    return out;
  }
  // U32s whose every element is below `bound`; empty after a failure, so
  // that no caller indexes with a bad one.
  std::vector<std::uint32_t> Indices(std::size_t bound, const char* what) {
    std::vector<std::uint32_t> out = U32s(what);
    for (std::uint32_t v : out) {
      if (!Expect(v < bound, what)) return {};
    }
    return out;
  }

 private:
  void Raw(void* p, std::size_t n, const char* what) {
    if (n > left()) {
      Fail(std::string("truncated: ") + what);
      return;
    }
    if (n > 0) std::memcpy(p, in_.data() + at_, n);
    at_ += n;
  }

  std::string_view in_;
  std::size_t at_ = 0;
  std::string error_;
};

}  // namespace clearance
