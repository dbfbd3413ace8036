// A runtime Value written out by its type: as JSON for action data (the
// event input's forms, so an action's data reads back as event fields) and as
// text for message bodies.
#pragma once

#include <string>

#include "compiler/types/type.h"
#include "runtime/history/history.h"

namespace kairos::runtime {

// JSON: strings as strings, money "349.90 ILS", instants RFC 3339, dates
// "2026-11-27", clock times "09:00", durations "PT45S", enums by name,
// records as objects and lists as arrays; null as null.
void AppendValueJson(std::string& out, const Value& value, const Type& type, const StringPool& strings);

// Text for a person: the same forms without quotes, lists joined by ", ",
// null as "".
std::string ValueText(const Value& value, const Type& type, const StringPool& strings);

}  // namespace kairos::runtime
