// The key of the native-code cache: a hash of what a function compiles to —
// the schema's layout, the function (with the functions it calls), the
// constants it embeds and the options.
#pragma once

#include <cstdint>

#include "compiler/ir/ir.h"
#include "runtime/jit/codegen.h"

namespace kairos::runtime {

uint64_t FunctionHash(const ir::Program& program, const ir::Segment& fn, const NativeConstants& constants,
                      int opt_level);

}  // namespace kairos::runtime
