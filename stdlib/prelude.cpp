#include "stdlib/prelude.h"

namespace kairos::stdlib {

extern const char kPreludeBytes[];
extern const unsigned long kPreludeSize;

std::string_view PreludeText() { return {kPreludeBytes, kPreludeSize}; }

}  // namespace kairos::stdlib
