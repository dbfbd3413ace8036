#include "compiler/schema/schema.h"

namespace kairos {
namespace {

const Symbol* FindByName(const std::vector<const Symbol*>& symbols, std::string_view name) {
  for (const Symbol* symbol : symbols) {
    if (symbol->name == name) return symbol;
  }
  return nullptr;
}

}  // namespace

const Symbol* Schema::FindEvent(std::string_view event) const { return FindByName(events, event); }

const Symbol* Schema::FindRecord(std::string_view record) const {
  return FindByName(records, record);
}

std::vector<std::string> Schema::EventNames() const {
  std::vector<std::string> names;
  names.reserve(events.size());
  for (const Symbol* event : events) names.push_back(event->name);
  return names;
}

}  // namespace kairos
