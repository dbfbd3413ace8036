// The functions native code calls for what is not worth inlining: composite
// values (lists, records), string order and concatenation, calendars, and
// the binary search of a window. Their names are what the code generator
// declares; jit.cpp hands their addresses to the JIT.
#pragma once

#include <cstdint>
#include <deque>

#include "runtime/calendar/calendar.h"
#include "runtime/history/history.h"

namespace kairos::runtime {

// What one evaluation's calls need; `arena` holds the composites native code
// builds, until the next top-level call.
struct NativeContext {
  HistoryStore* store = nullptr;
  const Zones* zones = nullptr;
  std::deque<Value> arena;
};

// One runtime call: its name and address.
struct RuntimeCall {
  const char* name;
  void* address;
};

// Every runtime call native code may use.
const std::vector<RuntimeCall>& RuntimeCalls();

extern "C" {
// Rows of `table` with lo < at <= hi (lo <= at when lo_inclusive), as [*begin, *end).
void kairos_rt_rows(const TableView* table, int64_t lo, uint8_t lo_inclusive, int64_t hi, int64_t* begin,
                    int64_t* end);
int64_t kairos_rt_today(NativeContext* context, const ContactView* contact, int64_t now);
int64_t kairos_rt_day_start(NativeContext* context, const ContactView* contact, int64_t days);
int64_t kairos_rt_calendar(NativeContext* context, const ContactView* contact, uint8_t part, int64_t value);
// -1, 0 or 1 as the texts of two interned strings order.
int32_t kairos_rt_string_order(NativeContext* context, int64_t a, int64_t b);
int64_t kairos_rt_concat(NativeContext* context, int64_t a, int64_t b);
// Field `index` of a record, or a null Value (never nullptr).
const Value* kairos_rt_member(const Value* record, int64_t index);
int64_t kairos_rt_list_size(const Value* list);
const Value* kairos_rt_list_element(const Value* list, int64_t index);
const Value* kairos_rt_list_data(const Value* list);
const Value* kairos_rt_null();
// A record of row `row` of `table` (`first(...)`, `last(...)`).
const Value* kairos_rt_row_record(NativeContext* context, const EventTable* table, int64_t row);
const Value* kairos_rt_contact_record(NativeContext* context, const ContactView* contact);
// A new empty list (record when `record` is 1) in the arena, and appending to it.
Value* kairos_rt_new_composite(NativeContext* context, uint8_t record);
void kairos_rt_push_scalar(Value* composite, uint8_t is_null, int64_t scalar, uint32_t currency);
void kairos_rt_push_value(Value* composite, const Value* value);
uint8_t kairos_rt_equal(const Value* a, const Value* b);
// Whether `list` holds the needle (a composite, or scalar parts when `needle` is nullptr).
uint8_t kairos_rt_contains(const Value* list, const Value* needle, uint8_t is_null, int64_t scalar);
}

}  // namespace kairos::runtime
