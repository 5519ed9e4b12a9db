#include "clearance/date.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>

using clearance::Date;

TEST_CASE("Date parses real calendar days and round-trips", "[date]") {
  auto text = GENERATE(as<std::string>{}, "1970-01-01", "2000-02-29", "2026-12-01", "0001-01-01",
                       "9999-12-31", "2024-02-29");
  auto d = Date::Parse(text);
  REQUIRE(d.has_value());
  CHECK(d->ToString() == text);
}

TEST_CASE("Date rejects impossible or malformed days", "[date]") {
  auto text = GENERATE(as<std::string>{}, "2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01",
                       "2026-00-10", "0000-01-01", "2026-1-01", "20260101", "2026-01-01x", "");
  CHECK_FALSE(Date::Parse(text).has_value());
}

TEST_CASE("Date orders by day", "[date]") {
  CHECK(*Date::Parse("2026-11-30") < *Date::Parse("2026-12-01"));
  CHECK(Date::Parse("1970-01-01")->days() == 0);
  CHECK(Date::Min().ToString() == "0001-01-01");
  CHECK(Date::Max().ToString() == "9999-12-31");
}

// Parse does its own arithmetic; ToString and the checks below use
// std::chrono. Every day of the supported range round-trips, and every
// day-of-month 1..31 of every month of a span of years is accepted exactly
// when chrono calls it a real day.
TEST_CASE("Date::Parse agrees with std::chrono on every day", "[date]") {
  for (std::int32_t days = Date::Min().days(); days <= Date::Max().days(); ++days) {
    const Date d = Date::FromDays(days);
    const std::optional<Date> back = Date::Parse(d.ToString());
    REQUIRE(back.has_value());
    REQUIRE(back->days() == days);
  }
  namespace chrono = std::chrono;
  for (int y : {1, 4, 99, 100, 400, 1600, 1899, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999}) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= 31; ++d) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
        const chrono::year_month_day ymd{chrono::year(y), chrono::month(m), chrono::day(d)};
        const std::optional<Date> parsed = Date::Parse(text);
        CAPTURE(text);
        REQUIRE(parsed.has_value() == ymd.ok());
        if (parsed) REQUIRE(parsed->days() == chrono::sys_days(ymd).time_since_epoch().count());
      }
    }
  }
}
