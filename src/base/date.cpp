#include "clearance/date.hpp"

#include <chrono>
#include <cstdio>

namespace clearance {
namespace {

namespace chrono = std::chrono;

// Days since 1970-01-01 of a valid proleptic Gregorian date (Howard
// Hinnant's days_from_civil): plain arithmetic, so that parsing a query's
// date costs a few dozen instructions on the C API's hot path.
std::int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

bool Date::LooksLikeDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  const auto is_digit = [&](std::size_t i) { return static_cast<unsigned char>(t[i] - '0') < 10; };
  return is_digit(0) && is_digit(1) && is_digit(2) && is_digit(3) && is_digit(5) && is_digit(6) && is_digit(8) &&
         is_digit(9);
}

std::optional<Date> Date::Parse(std::string_view t) {
  if (!LooksLikeDate(t)) return std::nullopt;
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const auto digit = [&](std::size_t i) { return t[i] - '0'; };
  const int y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const int m = digit(5) * 10 + digit(6), d = digit(8) * 10 + digit(9);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > kMonthDays[m - 1] + (m == 2 && IsLeap(y))) return std::nullopt;
  return FromDays(DaysFromCivil(y, m, d));
}

Date Date::TodayUtc() {
  const auto today = chrono::floor<chrono::days>(chrono::system_clock::now());
  return FromDays(static_cast<std::int32_t>(today.time_since_epoch().count()));
}

std::string Date::ToString() const {
  const chrono::year_month_day c{chrono::sys_days(chrono::days(days_))};
  const int year = static_cast<int>(c.year());
  if (year < 0 || year > 9999) {  // outside what a query can name: the general path
    char buf[48];                 // room for any int, so the compiler sees no truncation
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, static_cast<unsigned>(c.month()),
                  static_cast<unsigned>(c.day()));
    return buf;
  }
  // Hot in batch output: digits by hand instead of snprintf.
  const auto month = static_cast<unsigned>(c.month()), day = static_cast<unsigned>(c.day());
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + year / 1000);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

}  // namespace clearance
