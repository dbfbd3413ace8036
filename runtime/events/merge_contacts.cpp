#include "runtime/events/merge_contacts.h"

namespace kairos::runtime {

void MergeContact(HistoryStore& store, const std::string& previous, const std::string& into) {
  ContactHistory& target = store.Contact(into);  // std::map: stays valid as others are added
  target.identified = true;
  const auto found = store.contacts().find(previous);
  if (previous == into || found == store.contacts().end()) return;
  const ContactHistory& source = found->second;
  const Value contact_cell = Value::Scalar(store.strings().Intern(into));
  const ir::Program& program = store.program();
  for (size_t event = 0; event < source.events.size(); ++event) {
    const EventTable& table = source.events[event];
    const std::vector<const Symbol*>& fields = program.events[event].fields;
    std::vector<Value> cells(table.column_count());
    for (size_t row = 0; row < table.size(); ++row) {
      for (size_t column = 0; column < cells.size(); ++column) {
        cells[column] =
            fields[column]->name == "contact" ? contact_cell : table.column(column).Get(row);
      }
      target.events[event].Insert(table.times()[row], cells);
    }
  }
  for (size_t field = 0; field < target.fields.size(); ++field) {
    if (target.fields[field].is_null()) target.fields[field] = source.fields[field];
  }
  store.Remove(previous);
}

}  // namespace kairos::runtime
