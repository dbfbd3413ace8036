// Escaping text for HTML, so values from events and the catalogue can be put
// into message bodies and attributes as they are.
#pragma once

#include <string>
#include <string_view>

namespace kairos::stdlib {

// Replaces & < > " ' with character references; every other byte, UTF-8
// included, is kept as it is. Safe in element content and in quoted attributes.
std::string EscapeHtml(std::string_view text);

}  // namespace kairos::stdlib
