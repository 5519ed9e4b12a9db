#include "clearance/date.hpp"

#include <chrono>
#include <cstdio>

namespace clearance {
namespace {

namespace chrono = std::chrono;

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool Date::LooksLikeDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

std::optional<Date> Date::Parse(std::string_view t) {
  if (!LooksLikeDate(t)) return std::nullopt;
  const chrono::year_month_day day{chrono::year(Digits(t.substr(0, 4))),
                                  chrono::month(static_cast<unsigned>(Digits(t.substr(5, 2)))),
                                  chrono::day(static_cast<unsigned>(Digits(t.substr(8, 2))))};
  if (!day.ok() || day.year() < chrono::year(1)) return std::nullopt;
  return FromDays(static_cast<std::int32_t>(chrono::sys_days(day).time_since_epoch().count()));
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
