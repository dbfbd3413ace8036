// The native tier: IR functions compiled by LLVM's ORC JIT (LLJIT) into
// machine code that reads the contact history through its flat views
// (runtime/history/history.h). LLVM stays behind this header.
//
// A compiled function has the signature of NativeFunction. It returns the
// truth of a bool function; when `out` is given it also receives the value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/history/history.h"

namespace kairos::runtime {

struct NativeContext;  // runtime_calls.h: what native code's calls need

// A value as native code hands it out: scalar parts, or a composite Value.
struct NativeValue {
  int64_t scalar;
  const Value* composite;
  uint32_t currency;
  uint8_t is_null;
};

using NativeFunction = uint8_t (*)(const ContactView* contact, int64_t now, const Value* args, NativeContext* context,
                                   NativeValue* out);

struct JitOptions {
  int opt_level = 2;  // 0..3
};

class Jit {
 public:
  // The program's strings are interned in the store's pool, as the
  // interpreter does, so both tiers see the same ids.
  Jit(HistoryStore& store, JitOptions options);
  ~Jit();
  Jit(const Jit&) = delete;
  Jit& operator=(const Jit&) = delete;

  // Whether the JIT could be set up; if not, why.
  const std::string& setup_error() const { return setup_error_; }

  // Compiles `functions` in one module (a function's callees come along).
  // Returns "" or why it failed; on failure nothing is added.
  std::string Compile(const std::vector<const ir::Segment*>& functions);

  // The native code of `fn` once compiled, else nullptr. Safe to call while
  // another thread compiles.
  NativeFunction Find(const ir::Segment& fn) const;

  // Runs native code and turns its result into a Value.
  Value Call(NativeFunction code, const ContactHistory& contact, const std::vector<Value>& args, int64_t now) const;
  bool Test(NativeFunction code, const ContactHistory& contact, const std::vector<Value>& args, int64_t now) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string setup_error_;
};

// The LLVM IR generated for the segments of `program`, before optimisation
// (whose result depends on the CPU), without setting up a JIT. String ids are
// those of a fresh pool.
std::string LlvmModuleText(const ir::Program& program);

}  // namespace kairos::runtime
