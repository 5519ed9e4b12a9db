// Calendar dates (proleptic Gregorian, years 1..9999) as days since 1970-01-01.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clearance {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(std::int32_t days) { Date d; d.days_ = days; return d; }
  // Accepts exactly YYYY-MM-DD naming a real calendar day.
  static std::optional<Date> Parse(std::string_view text);
  // True when text has the YYYY-MM-DD shape, whether or not the day exists.
  static bool LooksLikeDate(std::string_view text);
  static Date TodayUtc();
  static constexpr Date Min() { return FromDays(-719162); }   // 0001-01-01
  static constexpr Date Max() { return FromDays(2932896); }   // 9999-12-31

  constexpr std::int32_t days() const { return days_; }
  std::string ToString() const;

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  std::int32_t days_ = 0;
};

}  // namespace clearance
