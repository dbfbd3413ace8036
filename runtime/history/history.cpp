#include "runtime/history/history.h"

#include <algorithm>

#include "compiler/syntax/ast.h"

namespace kairos::runtime {

uint32_t StringPool::Intern(std::string_view text) {
  auto found = ids_.find(std::string(text));
  if (found != ids_.end()) return found->second;
  const auto id = static_cast<uint32_t>(texts_.size());
  texts_.emplace_back(text);
  ids_.emplace(texts_.back(), id);
  return id;
}

ColumnKind ColumnKindOf(const Type& type) {
  const Type& t = type.NonOptional();
  if (t.is(TypeKind::Money)) return ColumnKind::Money;
  if (t.is(TypeKind::List) || t.is(TypeKind::Set) || t.is(TypeKind::Record)) return ColumnKind::Composite;
  return ColumnKind::Scalar;
}

Value Column::Get(size_t row) const {
  if (!present[row]) return Value::Null();
  switch (kind) {
    case ColumnKind::Scalar: return Value::Scalar(scalars[row]);
    case ColumnKind::Money: return Value::Money(scalars[row], currencies[row]);
    case ColumnKind::Composite: return composites[row];
  }
  return Value::Null();
}

EventTable::EventTable(const std::vector<ColumnKind>& kinds) : kinds_(&kinds) { Refresh(); }

EventTable::EventTable(const EventTable& other)
    : kinds_(other.kinds_), times_(other.times_), columns_(other.columns_) {
  Refresh();
}

EventTable& EventTable::operator=(const EventTable& other) {
  kinds_ = other.kinds_;
  times_ = other.times_;
  columns_ = other.columns_;
  Refresh();
  return *this;
}

// Vectors move their buffers on growth, so the views are rebuilt after each change.
void EventTable::Refresh() {
  column_views_.resize(columns_.size());
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    column_views_[i] = {c.scalars.data(), c.present.data(), c.currencies.data(), c.composites.data()};
  }
  view_ = {times_.data(), static_cast<int64_t>(times_.size()), column_views_.data()};
}

const Column& EventTable::column(size_t field) const {
  static const Column kEmpty;
  return field < columns_.size() ? columns_[field] : kEmpty;
}

size_t EventTable::Insert(int64_t at, const std::vector<Value>& cells) {
  if (columns_.empty() && kinds_ != nullptr) {
    columns_.resize(kinds_->size());
    for (size_t i = 0; i < kinds_->size(); ++i) columns_[i].kind = (*kinds_)[i];
  }
  const auto position = std::upper_bound(times_.begin(), times_.end(), at);
  const auto row = static_cast<size_t>(position - times_.begin());
  times_.insert(position, at);
  for (size_t i = 0; i < columns_.size(); ++i) {
    Column& column = columns_[i];
    const Value& cell = i < cells.size() ? cells[i] : Value::Null();
    const auto offset = static_cast<std::ptrdiff_t>(row);
    column.present.insert(column.present.begin() + offset, cell.is_null() ? 0 : 1);
    if (column.kind == ColumnKind::Composite) {
      column.composites.insert(column.composites.begin() + offset, cell);
      continue;
    }
    column.scalars.insert(column.scalars.begin() + offset, cell.scalar);
    if (column.kind == ColumnKind::Money) {
      column.currencies.insert(column.currencies.begin() + offset, cell.currency);
    }
  }
  Refresh();
  return row;
}

RowRange EventTable::Rows(int64_t lo, bool lo_inclusive, int64_t hi) const {
  const auto begin = lo_inclusive ? std::lower_bound(times_.begin(), times_.end(), lo)
                                  : std::upper_bound(times_.begin(), times_.end(), lo);
  const auto end = std::upper_bound(times_.begin(), times_.end(), hi);
  if (end <= begin) return {};
  return {static_cast<size_t>(begin - times_.begin()), static_cast<size_t>(end - times_.begin())};
}

HistoryStore::HistoryStore(const ir::Program& program) : program_(program) {
  for (const ir::EventLayout& event : program.events) {
    std::vector<ColumnKind> kinds;
    for (const Symbol* field : event.fields) kinds.push_back(ColumnKindOf(field->type));
    event_kinds_.push_back(std::move(kinds));
  }
}

ContactHistory& HistoryStore::Contact(const std::string& id) {
  auto [it, inserted] = contacts_.try_emplace(id);
  ContactHistory& contact = it->second;
  if (inserted) {
    contact.id = id;
    const size_t field_count = program_.contact != nullptr ? program_.contact->members.size() : 0;
    contact.fields.assign(field_count, Value::Null());
    // The key field (`id: string key`) is the contact's id.
    for (size_t i = 0; i < field_count; ++i) {
      const Symbol* field = program_.contact->members[i];
      if (field->field != nullptr && field->field->is_key) contact.fields[i] = Value::Scalar(strings_.Intern(id));
    }
    for (const auto& kinds : event_kinds_) contact.events.emplace_back(kinds);
  }
  return contact;
}

bool HistoryStore::Remove(const std::string& id) { return contacts_.erase(id) > 0; }

}  // namespace kairos::runtime
