#include "clearance/date.hpp"

#include <catch2/catch.hpp>

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
