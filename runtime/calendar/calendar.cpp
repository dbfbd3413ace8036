#include "runtime/calendar/calendar.h"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

namespace kairos::runtime {
namespace {

const date::time_zone* FindZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

}  // namespace

CalendarPart CalendarPartOf(const Type& type, std::string_view name) {
  const Type& t = type.NonOptional();
  if (t.is(TypeKind::Timestamp)) return name == "date" ? CalendarPart::Date : CalendarPart::Hour;
  if (t.is(TypeKind::Time)) return name == "hour" ? CalendarPart::ClockHour : CalendarPart::ClockMinute;
  if (name == "year") return CalendarPart::Year;
  if (name == "month") return CalendarPart::Month;
  if (name == "day") return CalendarPart::Day;
  if (name == "month_day") return CalendarPart::MonthDay;
  return CalendarPart::Weekday;
}

int64_t DateAt(const date::time_zone* zone, int64_t instant) {
  const auto local = zone->to_local(date::sys_seconds{std::chrono::seconds{instant}});
  return date::floor<date::days>(local).time_since_epoch().count();
}

int64_t LocalSeconds(const date::time_zone* zone, int64_t instant) {
  return zone->to_local(date::sys_seconds{std::chrono::seconds{instant}}).time_since_epoch().count();
}

int64_t NextTimeOfDay(const date::time_zone* zone, int64_t after, int64_t time_of_day) {
  const int64_t local = LocalSeconds(zone, after);
  const int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t next = LocalToInstant(zone, day * 86400 + time_of_day);
  if (next <= after) next = LocalToInstant(zone, (day + 1) * 86400 + time_of_day);
  return next;
}

int64_t LocalToInstant(const date::time_zone* zone, int64_t local_seconds) {
  const date::local_seconds local{std::chrono::seconds{local_seconds}};
  return zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

int64_t DayStart(const date::time_zone* zone, int64_t days) { return LocalToInstant(zone, days * 86400); }

int64_t CalendarValue(CalendarPart part, const date::time_zone* zone, int64_t value) {
  switch (part) {
    case CalendarPart::Date: return DateAt(zone, value);
    case CalendarPart::Hour: {
      const auto local = zone->to_local(date::sys_seconds{std::chrono::seconds{value}});
      const auto day = date::floor<date::days>(local);
      return std::chrono::duration_cast<std::chrono::hours>(local - day).count();
    }
    case CalendarPart::ClockHour: return value / 3600;
    case CalendarPart::ClockMinute: return value / 60 % 60;
    default: break;
  }
  const date::sys_days day{date::days{value}};
  const date::year_month_day ymd{day};
  const int64_t month = static_cast<unsigned>(ymd.month());
  const int64_t dom = static_cast<unsigned>(ymd.day());
  switch (part) {
    case CalendarPart::Year: return static_cast<int>(ymd.year());
    case CalendarPart::Month: return month;
    case CalendarPart::Day: return dom;
    case CalendarPart::MonthDay: return month * 100 + dom;
    default: return date::weekday{day}.iso_encoding();
  }
}

Zones::Zones(const ir::Program& program, const StringPool& strings) : strings_(strings) {
  schema_zone_ = program.timezone.empty() ? nullptr : FindZone(program.timezone);
  if (schema_zone_ == nullptr) schema_zone_ = date::locate_zone("UTC");
  if (program.contact == nullptr) return;
  const auto& fields = program.contact->members;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->name == "timezone" && fields[i]->type.NonOptional().is_string_like()) {
      timezone_field_ = static_cast<int>(i);
    }
  }
}

const date::time_zone* Zones::Of(const Value* contact_fields) const {
  if (timezone_field_ < 0 || contact_fields == nullptr) return schema_zone_;
  const Value& field = contact_fields[timezone_field_];
  if (field.is_null()) return schema_zone_;
  const auto id = static_cast<uint32_t>(field.scalar);
  auto [it, inserted] = by_name_.try_emplace(id, nullptr);
  if (inserted) it->second = FindZone(strings_.Text(id));
  return it->second != nullptr ? it->second : schema_zone_;
}

}  // namespace kairos::runtime
