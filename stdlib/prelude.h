// The prelude: declarations of the runtime's built-in events and of the
// standard library's functions, read by the checker before a project's files.
#pragma once

#include <string_view>

namespace kairos::stdlib {

// The prelude's source path as shown in diagnostics and by the editor.
inline constexpr std::string_view kPreludePath = "<prelude>";

std::string_view PreludeText();

}  // namespace kairos::stdlib
