// Code generation: IR functions to LLVM IR over the history's flat views.
// Private to runtime/jit; only its .cpp files include LLVM.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"

namespace llvm {
class Module;
}

namespace kairos::runtime {

// Per node of the program, what native code embeds as constants: the pool id
// of a string constant or of a money type's currency, and the instant of a
// date-time written in the source (in the schema's zone).
struct NativeConstants {
  std::vector<uint32_t> string_ids;    // by Program::strings index
  std::vector<uint32_t> currency_ids;  // by node
  std::vector<int64_t> instants;       // by node (Op::LocalDateTime)
};

// Emits a definition of each function in `define` into `module`; calls to
// other functions are declared and resolved by symbol. `symbols` names every
// function reachable from `define`.
void EmitFunctions(llvm::Module& module, const ir::Program& program, const NativeConstants& constants,
                   const std::vector<const ir::Segment*>& define,
                   const std::unordered_map<const ir::Segment*, std::string>& symbols);

}  // namespace kairos::runtime
