// The text forms of scalars shared by literals and event input
// (compiler/base/scalars.h): exact values, and the problem that names what is
// wrong when a text is not a value.
#include <gtest/gtest.h>

#include "compiler/base/scalars.h"

namespace kairos::scalars {
namespace {

TEST(ScalarsTest, WholeNumbersTakeSeparatorsAndReportOverflow) {
  EXPECT_EQ(ParseWholeNumber("1_000_000").value, 1000000);
  EXPECT_EQ(ParseWholeNumber("9223372036854775807").value, INT64_MAX);
  EXPECT_EQ(ParseWholeNumber("9223372036854775808").problem, Problem::TooLarge);
  EXPECT_EQ(ParseWholeNumber("_1").problem, Problem::Malformed);
  EXPECT_EQ(ParseWholeNumber("12a").problem, Problem::Malformed);
  EXPECT_EQ(ParseWholeNumber("").problem, Problem::Malformed);
}

TEST(ScalarsTest, DecimalsAreScaledExactly) {
  EXPECT_EQ(ParseScaledDecimal("349.90").value, 3499000);
  EXPECT_EQ(ParseScaledDecimal("-0.0001").value, -1);
  EXPECT_EQ(ParseScaledDecimal("12").value, 120000);
  EXPECT_EQ(ParseScaledDecimal("1_000.5").value, 10005000);
  // Places beyond the 4th may be zeros, and only zeros.
  EXPECT_EQ(ParseScaledDecimal("1.50000").value, 15000);
  EXPECT_EQ(ParseScaledDecimal("1.23456").problem, Problem::TooPrecise);
  EXPECT_EQ(ParseScaledDecimal("922337203685477.5807").value, INT64_MAX);
  EXPECT_EQ(ParseScaledDecimal("922337203685477.5808").problem, Problem::TooLarge);
  EXPECT_EQ(ParseScaledDecimal("99999999999999999999").problem, Problem::TooLarge);
  for (const char* text : {"1e3", ".5", "5.", "", "-", "1.2.3", "1,5"}) {
    EXPECT_EQ(ParseScaledDecimal(text).problem, Problem::Malformed) << text;
  }
}

TEST(ScalarsTest, MoneyByCodeOrSymbol) {
  Parsed<Money> code = ParseMoney("349.90 ILS");
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code.value.scaled, 3499000);
  EXPECT_EQ(code.value.currency, "ILS");
  Parsed<Money> symbol = ParseMoney("€5");
  ASSERT_TRUE(symbol.ok());
  EXPECT_EQ(symbol.value.scaled, 50000);
  EXPECT_EQ(symbol.value.currency, "EUR");
  EXPECT_EQ(ParseMoney("12  USD").value.currency, "USD");
  EXPECT_EQ(ParseMoney("$ 12.50").value.scaled, 125000);
  EXPECT_EQ(ParseMoney("349.90").problem, Problem::Malformed);
  EXPECT_EQ(ParseMoney("349.90 shekel").problem, Problem::Malformed);
  EXPECT_EQ(ParseMoney("349.90 ils").problem, Problem::Malformed);
  EXPECT_EQ(ParseMoney("1.00001 ILS").problem, Problem::TooPrecise);
  EXPECT_EQ(CurrencyCode("₪"), "ILS");
  EXPECT_EQ(CurrencyCode("£"), "GBP");
  EXPECT_EQ(CurrencyCode("CHF"), "CHF");
}

TEST(ScalarsTest, LanguageDurations) {
  EXPECT_EQ(ParseDuration("90s").value, 90);
  EXPECT_EQ(ParseDuration("1d12h").value, 86400 + 43200);
  EXPECT_EQ(ParseDuration("1d 12h").value, 86400 + 43200);
  EXPECT_EQ(ParseDuration("2w").value, 14 * 86400);
  EXPECT_EQ(ParseDuration("30m").value, 1800);
  EXPECT_EQ(ParseDuration("45").problem, Problem::Malformed);
  EXPECT_EQ(ParseDuration("3y").problem, Problem::Malformed);
  EXPECT_EQ(ParseDuration("h").problem, Problem::Malformed);
  EXPECT_EQ(ParseDuration(" ").problem, Problem::Malformed);
  EXPECT_EQ(ParseDuration("PT45S").problem, Problem::Malformed);
  EXPECT_EQ(ParseDuration("99999999999999999w").problem, Problem::TooLarge);
}

TEST(ScalarsTest, IsoDurations) {
  EXPECT_EQ(ParseIsoDuration("PT45S").value, 45);
  EXPECT_EQ(ParseIsoDuration("P1DT2H3M4S").value, 86400 + 7200 + 180 + 4);
  EXPECT_EQ(ParseIsoDuration("P2W").value, 14 * 86400);
  EXPECT_EQ(ParseIsoDuration("PT1M").value, 60);  // M after T is minutes
  for (const char* text : {"P", "PT", "P1DT", "P1H", "P1M", "PT1D", "PT1S1H", "PT1H1H", "P1DTT1H", "45s", "pt45s"}) {
    EXPECT_EQ(ParseIsoDuration(text).problem, Problem::Malformed) << text;
  }
}

TEST(ScalarsTest, DatesAreCheckedAgainstTheCalendar) {
  Parsed<CivilDate> date = ParseDate("2026-03-01");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(DaysSinceEpoch(date.value), 20513);
  EXPECT_EQ(DaysSinceEpoch({1970, 1, 1}), 0);
  EXPECT_EQ(DaysSinceEpoch({1969, 12, 31}), -1);
  EXPECT_TRUE(ParseDate("2024-02-29").ok());
  Parsed<CivilDate> no_such = ParseDate("2026-02-29");
  EXPECT_EQ(no_such.problem, Problem::NoSuchDate);
  EXPECT_EQ(no_such.value.month, 2);  // kept for the message
  EXPECT_EQ(ParseDate("2026-13-01").problem, Problem::NoSuchDate);
  EXPECT_EQ(ParseDate("2026-3-01").problem, Problem::Malformed);
  EXPECT_EQ(ParseDate("2026-03-01x").problem, Problem::Malformed);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
}

TEST(ScalarsTest, ClockTimes) {
  EXPECT_EQ(ParseClock("09:00").value, 9 * 3600);
  EXPECT_EQ(ParseClock("9:00").value, 9 * 3600);
  EXPECT_EQ(ParseClock("21:30:15").value, 21 * 3600 + 30 * 60 + 15);
  EXPECT_EQ(ParseClock("24:00").problem, Problem::NoSuchTime);
  EXPECT_EQ(ParseClock("12:60").problem, Problem::NoSuchTime);
  EXPECT_EQ(ParseClock("9").problem, Problem::Malformed);
  EXPECT_EQ(ParseClock("09:00:").problem, Problem::Malformed);
}

TEST(ScalarsTest, Instants) {
  EXPECT_EQ(ParseInstant("1970-01-01T00:00:00Z").value, 0);
  EXPECT_EQ(ParseInstant("2026-03-01T10:00:00Z").value, 1772359200);
  EXPECT_EQ(ParseInstant("2026-03-01T12:00:00.250+02:00").value, 1772359200);
  EXPECT_EQ(ParseInstant("2026-03-01T05:00:00-05:00").value, 1772359200);
  EXPECT_EQ(ParseInstant("2026-03-01t10:00:00z").value, 1772359200);
  EXPECT_EQ(ParseInstant("2026-03-01 10:00:00Z").value, 1772359200);
  EXPECT_EQ(ParseInstant("2026-03-01T12:00+02:00").value, 1772359200);
  EXPECT_EQ(ParseInstant("2026-02-30T10:00:00Z").problem, Problem::NoSuchDate);
  EXPECT_EQ(ParseInstant("2026-03-01T24:00:00Z").problem, Problem::NoSuchTime);
  EXPECT_EQ(ParseInstant("2026-03-01T10:00:00+24:00").problem, Problem::NoSuchOffset);
  for (const char* text : {"2026-03-01T10:00:00", "2026-03-01", "2026-03-01T9:00Z", "2026-03-01T10:00.5Z",
                           "2026-03-01T10:00:00.Z", "2026-03-01T10:00:00+0200", "2026-03-01T10:00:00Zx",
                           "yesterday"}) {
    EXPECT_EQ(ParseInstant(text).problem, Problem::Malformed) << text;
  }
}

}  // namespace
}  // namespace kairos::scalars
