// IANA time zone names, checked against the system's zoneinfo database
// (Debian's tzdata, which the runtime's date library reads as well).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kairos {

// Whether `name` is a zone of the IANA database, such as "Asia/Jerusalem".
bool IsIanaTimezone(std::string_view name);

// Every zone name of the database, sorted (for suggestions).
std::vector<std::string> IanaTimezoneNames();

}  // namespace kairos
