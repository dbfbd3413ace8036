// Dates, clock times and zones as both engine tiers compute them: `today`,
// `.date .hour` of timestamps, `.year .month .day .month_day .weekday` of
// dates, and each contact's zone (LANGUAGE.md: "the contact's zone when
// known, else the schema's").
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "compiler/ir/ir.h"
#include "runtime/history/history.h"

namespace date {
class time_zone;
}

namespace kairos::runtime {

// Date and Hour read a timestamp; ClockHour and ClockMinute a time of day;
// the others a date.
enum class CalendarPart : uint8_t { Date, Hour, ClockHour, ClockMinute, Year, Month, Day, MonthDay, Weekday };

// The part that property `name` reads from a value of `type` (a timestamp,
// a clock time or a date).
CalendarPart CalendarPartOf(const Type& type, std::string_view name);

// `part` of `value` (a timestamp in seconds, a time of day in seconds or a
// date in days, as `part` implies), timestamps seen in `zone`.
int64_t CalendarValue(CalendarPart part, const date::time_zone* zone, int64_t value);

// The date (days since 1970-01-01) in `zone` at `instant`.
int64_t DateAt(const date::time_zone* zone, int64_t instant);

// The instant of a wall-clock time (seconds since 1970-01-01 local) in
// `zone`; a time that does not exist (a spring-forward gap) or exists twice
// takes the earliest instant.
int64_t LocalToInstant(const date::time_zone* zone, int64_t local_seconds);

// The wall-clock reading in `zone` at `instant`, as seconds since 1970-01-01 local.
int64_t LocalSeconds(const date::time_zone* zone, int64_t instant);

// The first instant after `after` at which the clock in `zone` reads
// `time_of_day` (seconds since midnight).
int64_t NextTimeOfDay(const date::time_zone* zone, int64_t after, int64_t time_of_day);

// The instant a date (days since 1970-01-01) begins in `zone`.
int64_t DayStart(const date::time_zone* zone, int64_t days);

// Each contact's zone: its `timezone` field (a string) when the schema has
// one and it names a zone, else the schema's zone, else UTC.
class Zones {
 public:
  Zones(const ir::Program& program, const StringPool& strings);

  const date::time_zone* schema_zone() const { return schema_zone_; }
  const date::time_zone* Of(const Value* contact_fields) const;

 private:
  const StringPool& strings_;
  const date::time_zone* schema_zone_;
  int timezone_field_ = -1;
  mutable std::unordered_map<uint32_t, const date::time_zone*> by_name_;  // string id -> zone
};

}  // namespace kairos::runtime
