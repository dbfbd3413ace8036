// The predicate engine: evaluates IR functions (segments, journey conditions)
// on one of two tiers that must agree exactly — the reference interpreter and
// native code from the JIT — or on `auto`, which interprets a function until
// it is hot and then switches to its native code.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/history/history.h"
#include "runtime/interp/interpreter.h"
#include "runtime/jit/jit.h"

namespace kairos::runtime {

enum class Tier : uint8_t { Interp, Jit, Auto };

// "interp", "jit" or "auto".
std::optional<Tier> ParseTier(std::string_view name);
std::string_view TierName(Tier tier);

struct TierOptions {
  Tier tier = Tier::Auto;
  int opt_level = 2;  // LLVM optimisation level of native code, 0..3
  // Auto: evaluations of a function before it is compiled. 0 derives the
  // threshold from the compile cost measured on this machine.
  uint64_t hot_threshold = 0;
  // Auto: compile on a background thread while the interpreter goes on.
  bool background_compile = true;
};

class PredicateEngine {
 public:
  PredicateEngine(HistoryStore& store, TierOptions options);
  ~PredicateEngine();
  PredicateEngine(const PredicateEngine&) = delete;
  PredicateEngine& operator=(const PredicateEngine&) = delete;

  // Tier jit: compiles `functions` now, in one module, so evaluation never
  // waits for the compiler. Returns "" or why native code is not available
  // (the caller reports it; nothing aborts).
  std::string Prepare(const std::vector<const ir::Segment*>& functions);

  // Whether the bool function `fn` holds for `contact` with `args` at `now`.
  bool Test(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args, int64_t now);

  // The value of `fn` (any result type) for `contact` with `args` at `now`.
  Value Evaluate(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args, int64_t now);

  // Why native code was not available where it was asked for (setup or
  // compile failures); such functions were interpreted instead.
  std::vector<std::string> errors() const;

  // Whether `fn` runs as native code by now.
  bool IsNative(const ir::Segment& fn);

  const Interpreter& interpreter() const { return interpreter_; }
  // Functions that use a catalogue builtin are always interpreted, with these.
  void SetBuiltins(Builtins* builtins) { interpreter_.SetBuiltins(builtins); }
  Tier tier() const { return options_.tier; }

 private:
  struct Slot;
  struct Compiler;
  Slot& SlotOf(const ir::Segment& fn);
  NativeFunction Native(Slot& slot);
  template <typename OnNative, typename OnInterpret>
  auto Run(const ir::Segment& fn, OnNative native, OnInterpret interpret);
  void RecordCompile(double ns);
  double CompileEstimateNs() const;

  TierOptions options_;
  Interpreter interpreter_;
  std::unique_ptr<Jit> jit_;
  std::unordered_map<const ir::Segment*, std::unique_ptr<Slot>> slots_;
  Slot* last_slot_ = nullptr;  // the slot looked up last: evaluations come in runs
  std::mutex compile_stats_mutex_;  // compiles finish on either thread
  double compile_ns_total_ = 0;
  uint64_t compiles_ = 0;
  std::atomic<double> compile_estimate_ns_;
  std::vector<std::string> errors_;
  std::unique_ptr<Compiler> compiler_;  // last: its thread uses the members above
};

}  // namespace kairos::runtime
