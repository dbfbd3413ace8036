#include "runtime/events/scalars.h"

namespace kairos::runtime {
namespace {

template <typename T>
std::optional<T> OptionalOf(const scalars::Parsed<T>& parsed) {
  if (!parsed.ok()) return std::nullopt;
  return parsed.value;
}

}  // namespace

std::optional<int64_t> ParseRfc3339(std::string_view text) {
  return OptionalOf(scalars::ParseInstant(text));
}

std::optional<int64_t> ParseDate(std::string_view text) {
  const scalars::Parsed<scalars::CivilDate> date = scalars::ParseDate(text);
  if (!date.ok()) return std::nullopt;
  return scalars::DaysSinceEpoch(date.value);
}

std::optional<int64_t> ParseTimeOfDay(std::string_view text) {
  return OptionalOf(scalars::ParseClock(text));
}

std::optional<int64_t> ParseDuration(std::string_view text) {
  if (!text.empty() && text[0] == 'P') return OptionalOf(scalars::ParseIsoDuration(text));
  return OptionalOf(scalars::ParseDuration(text));
}

std::optional<int64_t> ParseScaledDecimal(std::string_view text) {
  return OptionalOf(scalars::ParseScaledDecimal(text));
}

std::optional<MoneyText> ParseMoneyText(std::string_view text) {
  return OptionalOf(scalars::ParseMoney(text));
}

}  // namespace kairos::runtime
