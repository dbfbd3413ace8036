#include "runtime/jit/runtime_calls.h"

#include <algorithm>

#include "runtime/interp/interpreter.h"

namespace kairos::runtime {
namespace {

const Value kNull;

}  // namespace

extern "C" {

void kairos_rt_rows(const TableView* table, int64_t lo, uint8_t lo_inclusive, int64_t hi, int64_t* begin,
                    int64_t* end) {
  const int64_t* first = table->times;
  const int64_t* last = table->times + table->rows;
  const int64_t* b = lo_inclusive ? std::lower_bound(first, last, lo) : std::upper_bound(first, last, lo);
  const int64_t* e = std::upper_bound(first, last, hi);
  *begin = b - first;
  *end = std::max(b, e) - first;
}

int64_t kairos_rt_today(NativeContext* context, const ContactView* contact, int64_t now) {
  return DateAt(context->zones->Of(contact->fields), now);
}

int64_t kairos_rt_day_start(NativeContext* context, const ContactView* contact, int64_t days) {
  return DayStart(context->zones->Of(contact->fields), days);
}

int64_t kairos_rt_calendar(NativeContext* context, const ContactView* contact, uint8_t part, int64_t value) {
  return CalendarValue(static_cast<CalendarPart>(part), context->zones->Of(contact->fields), value);
}

int32_t kairos_rt_string_order(NativeContext* context, int64_t a, int64_t b) {
  const StringPool& strings = context->store->strings();
  const int order = strings.Text(static_cast<uint32_t>(a)).compare(strings.Text(static_cast<uint32_t>(b)));
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

int64_t kairos_rt_concat(NativeContext* context, int64_t a, int64_t b) {
  StringPool& strings = context->store->strings();
  return strings.Intern(strings.Text(static_cast<uint32_t>(a)) + strings.Text(static_cast<uint32_t>(b)));
}

const Value* kairos_rt_member(const Value* record, int64_t index) {
  if (record->kind != Value::Kind::Record || index >= static_cast<int64_t>(record->elements.size())) return &kNull;
  return &record->elements[static_cast<size_t>(index)];
}

int64_t kairos_rt_list_size(const Value* list) { return static_cast<int64_t>(list->elements.size()); }

const Value* kairos_rt_list_element(const Value* list, int64_t index) {
  return &list->elements[static_cast<size_t>(index)];
}

const Value* kairos_rt_list_data(const Value* list) { return list->elements.data(); }

const Value* kairos_rt_null() { return &kNull; }

const Value* kairos_rt_row_record(NativeContext* context, const EventTable* table, int64_t row) {
  Value& record = context->arena.emplace_back();
  record.kind = Value::Kind::Record;
  for (size_t i = 0; i < table->column_count(); ++i) {
    record.elements.push_back(table->column(i).Get(static_cast<size_t>(row)));
  }
  return &record;
}

const Value* kairos_rt_contact_record(NativeContext* context, const ContactView* contact) {
  Value& record = context->arena.emplace_back();
  record.kind = Value::Kind::Record;
  const ir::Program& program = context->store->program();
  const size_t count = program.contact != nullptr ? program.contact->members.size() : 0;
  record.elements.assign(contact->fields, contact->fields + count);
  return &record;
}

Value* kairos_rt_new_composite(NativeContext* context, uint8_t record) {
  Value& value = context->arena.emplace_back();
  value.kind = record != 0 ? Value::Kind::Record : Value::Kind::List;
  return &value;
}

void kairos_rt_push_scalar(Value* composite, uint8_t is_null, int64_t scalar, uint32_t currency) {
  composite->elements.push_back(is_null != 0 ? Value::Null() : Value::Money(scalar, currency));
}

void kairos_rt_push_value(Value* composite, const Value* value) { composite->elements.push_back(*value); }

uint8_t kairos_rt_equal(const Value* a, const Value* b) { return ValuesEqual(*a, *b) ? 1 : 0; }

uint8_t kairos_rt_contains(const Value* list, const Value* needle, uint8_t is_null, int64_t scalar) {
  const Value parts = is_null != 0 ? Value::Null() : Value::Scalar(scalar);
  const Value& wanted = needle != nullptr ? *needle : parts;
  return std::any_of(list->elements.begin(), list->elements.end(),
                     [&](const Value& item) { return ValuesEqual(wanted, item); })
             ? 1
             : 0;
}

}  // extern "C"

const std::vector<RuntimeCall>& RuntimeCalls() {
  static const std::vector<RuntimeCall> calls = {
#define KAIROS_RUNTIME_CALL(name) {#name, reinterpret_cast<void*>(&name)}
      KAIROS_RUNTIME_CALL(kairos_rt_rows),
      KAIROS_RUNTIME_CALL(kairos_rt_today),
      KAIROS_RUNTIME_CALL(kairos_rt_day_start),
      KAIROS_RUNTIME_CALL(kairos_rt_calendar),
      KAIROS_RUNTIME_CALL(kairos_rt_string_order),
      KAIROS_RUNTIME_CALL(kairos_rt_concat),
      KAIROS_RUNTIME_CALL(kairos_rt_member),
      KAIROS_RUNTIME_CALL(kairos_rt_list_size),
      KAIROS_RUNTIME_CALL(kairos_rt_list_element),
      KAIROS_RUNTIME_CALL(kairos_rt_list_data),
      KAIROS_RUNTIME_CALL(kairos_rt_null),
      KAIROS_RUNTIME_CALL(kairos_rt_row_record),
      KAIROS_RUNTIME_CALL(kairos_rt_contact_record),
      KAIROS_RUNTIME_CALL(kairos_rt_new_composite),
      KAIROS_RUNTIME_CALL(kairos_rt_push_scalar),
      KAIROS_RUNTIME_CALL(kairos_rt_push_value),
      KAIROS_RUNTIME_CALL(kairos_rt_equal),
      KAIROS_RUNTIME_CALL(kairos_rt_contains),
#undef KAIROS_RUNTIME_CALL
  };
  return calls;
}

}  // namespace kairos::runtime
