#include "runtime/tiers/predicate_engine.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "runtime/jit/jit.h"

namespace kairos::runtime {
namespace {

using Clock = std::chrono::steady_clock;

// Until this engine has compiled something, a compile is assumed to take this
// long (a one-function module at O2, P6 in bench/RESULTS.md); then the mean of
// its own compiles is used.
constexpr double kFirstCompileEstimateNs = 6e6;

// `auto` compiles a function once its interpretation has cost this share of a
// compile: the most it can lose against the better tier is then this share.
constexpr double kHotShareOfCompile = 0.1;

}  // namespace

std::optional<Tier> ParseTier(std::string_view name) {
  if (name == "interp") return Tier::Interp;
  if (name == "jit") return Tier::Jit;
  if (name == "auto") return Tier::Auto;
  return std::nullopt;
}

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::Interp: return "interp";
    case Tier::Jit: return "jit";
    case Tier::Auto: return "auto";
  }
  return "auto";
}

struct PredicateEngine::Slot {
  const ir::Segment* fn = nullptr;
  std::atomic<NativeFunction> native{nullptr};
  uint64_t evaluations = 0;
  double interpreted_ns = 0;
  bool requested = false;  // a compile was asked for (it may have failed)
  // Uses a catalogue builtin, which only the interpreter evaluates.
  bool interpret_only = false;
};

// Compiles functions on a thread of its own so `auto` keeps interpreting.
struct PredicateEngine::Compiler {
  Compiler(Jit& jit, std::function<void(double)> record) : jit(jit), record(std::move(record)), thread([this] { Run(); }) {}
  ~Compiler() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_one();
    thread.join();
  }

  void Request(Slot* slot) {
    {
      std::lock_guard lock(mutex);
      queue.push_back(slot);
    }
    wake.notify_one();
  }

  void Run() {
    std::unique_lock lock(mutex);
    while (true) {
      wake.wait(lock, [this] { return stopping || !queue.empty(); });
      if (stopping) return;
      Slot* slot = queue.front();
      queue.pop_front();
      lock.unlock();
      const auto start = Clock::now();
      const std::string error = jit.Compile({slot->fn});
      const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
      if (error.empty()) slot->native.store(jit.Find(*slot->fn), std::memory_order_release);
      if (error.empty()) record(ns);
      lock.lock();
      if (!error.empty()) errors.push_back(slot->fn->name + ": " + error);
    }
  }

  Jit& jit;
  std::function<void(double)> record;  // the engine's compile statistics
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Slot*> queue;
  bool stopping = false;
  std::vector<std::string> errors;
  std::thread thread;  // last: starts once the members above exist
};

PredicateEngine::PredicateEngine(HistoryStore& store, TierOptions options)
    : options_(options), interpreter_(store), compile_estimate_ns_(kFirstCompileEstimateNs) {
  if (options_.tier == Tier::Interp) return;
  jit_ = std::make_unique<Jit>(store, JitOptions{options_.opt_level});
  if (!jit_->setup_error().empty()) {
    errors_.push_back(jit_->setup_error());
    return;
  }
  if (options_.tier == Tier::Auto && options_.background_compile) {
    compiler_ = std::make_unique<Compiler>(*jit_, [this](double ns) { RecordCompile(ns); });
  }
}

PredicateEngine::~PredicateEngine() = default;

std::string PredicateEngine::Prepare(const std::vector<const ir::Segment*>& functions) {
  if (options_.tier == Tier::Interp) return "";
  if (!jit_->setup_error().empty()) return jit_->setup_error();
  std::vector<const ir::Segment*> native;
  for (const ir::Segment* fn : functions) {
    if (!SlotOf(*fn).interpret_only) native.push_back(fn);
  }
  if (native.empty()) return "";
  const auto start = Clock::now();
  std::string error = jit_->Compile(native);
  if (!error.empty()) return error;
  RecordCompile(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
  for (const ir::Segment* fn : native) {
    Slot& slot = SlotOf(*fn);
    slot.native.store(jit_->Find(*fn), std::memory_order_release);
    slot.requested = true;
  }
  return "";
}

PredicateEngine::Slot& PredicateEngine::SlotOf(const ir::Segment& fn) {
  if (last_slot_ != nullptr && last_slot_->fn == &fn) return *last_slot_;
  auto& slot = slots_[&fn];
  if (slot == nullptr) {
    slot = std::make_unique<Slot>();
    slot->fn = &fn;
    slot->interpret_only = !interpreter_.BuiltinUsedBy(fn).empty();
  }
  last_slot_ = slot.get();
  return *slot;
}

// Called by whichever thread compiled; evaluation reads the estimate without a lock.
void PredicateEngine::RecordCompile(double ns) {
  std::lock_guard lock(compile_stats_mutex_);
  compile_ns_total_ += ns;
  ++compiles_;
  compile_estimate_ns_.store(compile_ns_total_ / static_cast<double>(compiles_), std::memory_order_relaxed);
}

double PredicateEngine::CompileEstimateNs() const { return compile_estimate_ns_.load(std::memory_order_relaxed); }

// Decides, per evaluation, which tier runs `fn`; returns its native code or nullptr to interpret.
NativeFunction PredicateEngine::Native(Slot& slot) {
  NativeFunction native = slot.native.load(std::memory_order_acquire);
  if (native != nullptr || options_.tier == Tier::Interp || slot.interpret_only || jit_ == nullptr ||
      !jit_->setup_error().empty()) {
    return native;
  }
  if (slot.requested) return nullptr;  // compiling in the background, or it failed
  const bool hot = options_.tier == Tier::Jit ||
                   (options_.hot_threshold > 0 ? slot.evaluations >= options_.hot_threshold
                                               : slot.interpreted_ns >= kHotShareOfCompile * CompileEstimateNs());
  if (!hot) return nullptr;
  slot.requested = true;
  if (compiler_ != nullptr) {
    compiler_->Request(&slot);
    return nullptr;
  }
  const auto start = Clock::now();
  const std::string error = jit_->Compile({slot.fn});
  if (!error.empty()) {
    errors_.push_back(slot.fn->name + ": " + error);
    return nullptr;
  }
  RecordCompile(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
  native = jit_->Find(*slot.fn);
  slot.native.store(native, std::memory_order_release);
  return native;
}

// Runs `native` when the tier gives native code, else `interpret`, timing it
// when `auto` decides hotness by the time spent.
template <typename OnNative, typename OnInterpret>
auto PredicateEngine::Run(const ir::Segment& fn, OnNative native, OnInterpret interpret) {
  Slot& slot = SlotOf(fn);
  ++slot.evaluations;
  if (NativeFunction code = Native(slot)) return native(code);
  if (options_.tier != Tier::Auto || options_.hot_threshold > 0) return interpret();
  const auto start = Clock::now();
  auto result = interpret();
  slot.interpreted_ns += std::chrono::duration<double, std::nano>(Clock::now() - start).count();
  return result;
}

bool PredicateEngine::Test(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args,
                           int64_t now) {
  return Run(
      fn, [&](NativeFunction code) { return jit_->Test(code, contact, args, now); },
      [&] { return interpreter_.InSegment(contact, fn, args, now); });
}

Value PredicateEngine::Evaluate(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args,
                                int64_t now) {
  return Run(
      fn, [&](NativeFunction code) { return jit_->Call(code, contact, args, now); },
      [&] { return interpreter_.Call(contact, fn, args, now); });
}

std::vector<std::string> PredicateEngine::errors() const {
  std::vector<std::string> all = errors_;
  if (compiler_ != nullptr) {
    std::lock_guard lock(compiler_->mutex);
    all.insert(all.end(), compiler_->errors.begin(), compiler_->errors.end());
  }
  return all;
}

bool PredicateEngine::IsNative(const ir::Segment& fn) { return SlotOf(fn).native.load() != nullptr; }

}  // namespace kairos::runtime
