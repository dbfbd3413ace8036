// The contact history: per contact, per event type, the events as columns
// sorted by time — a timestamps column plus one column per field — so a window
// is two binary searches and an aggregate a loop over one column. An event
// that arrives out of order is inserted at its place.
//
// Cells use the value encodings of compiler/ir/ir.h (int64 scalars; money
// exact, scaled by 10^4, with its currency; strings interned in the store's
// StringPool). The reference interpreter reads it through the classes below;
// native code reads the same memory through the flat views (TableView,
// ColumnView, ContactView), whose layout is fixed here for both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"

namespace kairos::runtime {

// Interned strings: equal text, equal id. Id 0 is the empty string, so a
// money value's currency 0 means "none given".
class StringPool {
 public:
  StringPool() { Intern(""); }
  uint32_t Intern(std::string_view text);
  const std::string& Text(uint32_t id) const { return texts_[id]; }

 private:
  std::vector<std::string> texts_;
  std::unordered_map<std::string, uint32_t> ids_;
};

// One value of any type. Scalars (see ir.h) are in `scalar`; money also has
// `currency` (an id in the StringPool); lists, sets and records hold their
// elements or fields, in declaration order, in `elements`.
struct Value {
  enum class Kind : uint8_t { Null, Scalar, List, Record };
  Kind kind = Kind::Null;
  int64_t scalar = 0;
  uint32_t currency = 0;
  std::vector<Value> elements;

  static Value Null() { return {}; }
  static Value Scalar(int64_t v) { return {Kind::Scalar, v, 0, {}}; }
  static Value Money(int64_t scaled, uint32_t currency) { return {Kind::Scalar, scaled, currency, {}}; }
  bool is_null() const { return kind == Kind::Null; }
};

// Native code reads a Value's scalar parts at these offsets.
static_assert(std::is_standard_layout_v<Value>);
inline constexpr size_t kValueKindOffset = offsetof(Value, kind);
inline constexpr size_t kValueScalarOffset = offsetof(Value, scalar);
inline constexpr size_t kValueCurrencyOffset = offsetof(Value, currency);

// How a column stores its cells.
enum class ColumnKind : uint8_t { Scalar, Money, Composite };
ColumnKind ColumnKindOf(const Type& type);

// One field of one event type for one contact, row-aligned with the times.
struct Column {
  ColumnKind kind = ColumnKind::Scalar;
  std::vector<int64_t> scalars;     // Scalar, Money (0 when absent)
  std::vector<uint8_t> present;     // 0 for a null cell
  std::vector<uint32_t> currencies; // Money only
  std::vector<Value> composites;    // Composite only

  Value Get(size_t row) const;
};

// The flat view of one column: arrays of `rows` cells (see Column).
struct ColumnView {
  const int64_t* scalars;
  const uint8_t* present;
  const uint32_t* currencies;
  const Value* composites;
};

// The flat view of one event table: its times and its columns' views.
struct TableView {
  const int64_t* times;
  int64_t rows;
  const ColumnView* columns;
};

// Rows [begin, end) of an event table.
struct RowRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
};

// The events of one type for one contact. Column i is field i of the event
// (ir::EventLayout): column 0 is `at` and holds the same values as times().
//
// An EventTable begins with its TableView, kept current by every change, so
// native code finds table i of a contact at `events.data() + i` and reads it
// without calls.
class EventTable {
 public:
  EventTable() { Refresh(); }
  // `kinds` (one per column) must outlive the table: the store keeps them.
  explicit EventTable(const std::vector<ColumnKind>& kinds);
  EventTable(const EventTable& other);
  EventTable& operator=(const EventTable& other);
  EventTable(EventTable&& other) noexcept = default;
  EventTable& operator=(EventTable&& other) noexcept = default;

  const TableView& view() const { return view_; }

  size_t size() const { return times_.size(); }
  const std::vector<int64_t>& times() const { return times_; }
  // A table that never had an event has no columns yet (most contacts never
  // see most event types); column() then gives an empty column.
  const Column& column(size_t field) const;
  size_t column_count() const { return columns_.size(); }

  // Inserts an event at its time, after the events of the same second (so
  // arrival order breaks ties); `cells` has one value per column. Returns the
  // row it landed in.
  size_t Insert(int64_t at, const std::vector<Value>& cells);

  // Rows with lo < at <= hi (lo_inclusive: lo <= at <= hi).
  RowRange Rows(int64_t lo, bool lo_inclusive, int64_t hi) const;

 private:
  void Refresh();

  TableView view_{};  // first: native code reads it at offset 0
  const std::vector<ColumnKind>* kinds_ = nullptr;  // the columns to make on the first insert
  std::vector<int64_t> times_;
  std::vector<Column> columns_;
  std::vector<ColumnView> column_views_;
};

static_assert(std::is_standard_layout_v<EventTable>, "native code reads view_ at offset 0");

// What native code is given for one contact.
struct ContactView {
  const EventTable* tables;  // indexed like ir::Program::events
  const Value* fields;       // the schema's contact fields, in order
  int64_t identified;
};

// Everything known of one contact.
struct ContactHistory {
  std::string id;
  bool identified = false;            // an `identify` event was seen
  std::vector<Value> fields;          // the schema's contact fields, in order
  std::vector<EventTable> events;     // indexed like ir::Program::events

  ContactView view() const { return {events.data(), fields.data(), identified ? 1 : 0}; }
};

// The histories of every contact, by id (sorted, so listings are stable).
class HistoryStore {
 public:
  explicit HistoryStore(const ir::Program& program);

  const ir::Program& program() const { return program_; }
  StringPool& strings() { return strings_; }
  const StringPool& strings() const { return strings_; }

  // The contact's history, created on first use with its key field set to
  // `id` and the other fields null.
  ContactHistory& Contact(const std::string& id);
  const std::map<std::string, ContactHistory>& contacts() const { return contacts_; }
  // Forgets the contact (as when merged into another); false when there was none.
  bool Remove(const std::string& id);

 private:
  const ir::Program& program_;
  StringPool strings_;
  std::vector<std::vector<ColumnKind>> event_kinds_;
  std::map<std::string, ContactHistory> contacts_;
};

}  // namespace kairos::runtime
