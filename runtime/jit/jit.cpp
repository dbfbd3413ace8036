#include "runtime/jit/jit.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>

#include <cstdio>
#include <mutex>
#include <unordered_set>

#include "runtime/calendar/calendar.h"
#include "runtime/jit/codegen.h"
#include "runtime/jit/function_hash.h"
#include "runtime/jit/runtime_calls.h"

namespace kairos::runtime {
namespace {

void InitializeLlvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

std::string Message(llvm::Error error) { return llvm::toString(std::move(error)); }

NativeConstants MakeConstants(const ir::Program& program, StringPool& strings) {
  NativeConstants constants;
  for (const std::string& text : program.strings) constants.string_ids.push_back(strings.Intern(text));
  constants.currency_ids.assign(program.nodes.size(), 0);
  constants.instants.assign(program.nodes.size(), 0);
  const Zones zones(program, strings);
  for (size_t i = 0; i < program.nodes.size(); ++i) {
    const ir::Node& node = program.nodes[i];
    if (node.type.NonOptional().is(TypeKind::Money)) constants.currency_ids[i] = strings.Intern(node.type.NonOptional().currency());
    if (node.op == ir::Op::LocalDateTime) constants.instants[i] = LocalToInstant(zones.schema_zone(), node.value);
  }
  return constants;
}

// `functions` and every segment they call, callees first.
std::vector<const ir::Segment*> Closure(const ir::Program& program, const std::vector<const ir::Segment*>& functions) {
  std::vector<const ir::Segment*> order;
  std::unordered_set<const ir::Segment*> seen;
  auto visit = [&](auto&& self, const ir::Segment* fn) -> void {
    if (!seen.insert(fn).second) return;
    std::vector<ir::NodeId> stack = {fn->body};
    while (!stack.empty()) {
      const ir::Node& node = program.node(stack.back());
      stack.pop_back();
      if (node.op == ir::Op::Segment) self(self, &program.segments[node.index]);
      for (ir::NodeId operand : node.operands) stack.push_back(operand);
      for (ir::NodeId extra : {node.history.where, node.history.window_first, node.history.window_second}) {
        if (node.op == ir::Op::History && extra != ir::kNoNode) stack.push_back(extra);
      }
    }
    order.push_back(fn);
  };
  for (const ir::Segment* fn : functions) visit(visit, fn);
  return order;
}

void Optimize(llvm::Module& module, int opt_level, llvm::TargetMachine* machine) {
  if (opt_level <= 0) return;
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  const llvm::OptimizationLevel level = opt_level == 1   ? llvm::OptimizationLevel::O1
                                        : opt_level == 2 ? llvm::OptimizationLevel::O2
                                                         : llvm::OptimizationLevel::O3;
  builder.buildPerModuleDefaultPipeline(level).run(module, modules);
}

// Builds one module defining `define`; "" or why the generated code is invalid.
std::string BuildModule(llvm::Module& module, const ir::Program& program, const NativeConstants& constants,
                        const std::vector<const ir::Segment*>& define,
                        const std::unordered_map<const ir::Segment*, std::string>& symbols) {
  EmitFunctions(module, program, constants, define, symbols);
  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(module, &stream)) return "the generated code is invalid: " + stream.str();
  return "";
}

std::string Print(const llvm::Module& module) {
  std::string text;
  llvm::raw_string_ostream stream(text);
  module.print(stream, nullptr);
  return stream.str();
}

}  // namespace

struct Jit::State {
  HistoryStore& store;
  const ir::Program& program;
  JitOptions options;
  NativeConstants constants;
  Zones zones;
  mutable NativeContext context;
  std::unique_ptr<llvm::orc::LLJIT> lljit;
  std::unique_ptr<llvm::TargetMachine> machine;  // for the optimiser's cost model

  mutable std::mutex mutex;  // guards what follows: compiles may run on another thread
  std::unordered_map<std::string, NativeFunction> by_symbol;
  std::unordered_map<const ir::Segment*, NativeFunction> by_function;
  std::unordered_map<const ir::Segment*, std::string> symbols;

  State(HistoryStore& s, JitOptions o)
      : store(s), program(s.program()), options(o), constants(MakeConstants(program, s.strings())),
        zones(program, s.strings()) {
    context.store = &store;
    context.zones = &zones;
  }

  const std::string& SymbolOf(const ir::Segment& fn) {
    auto [it, inserted] = symbols.try_emplace(&fn);
    if (inserted) {
      char name[40];
      std::snprintf(name, sizeof name, "kairos_fn_%016llx",
                    static_cast<unsigned long long>(FunctionHash(program, fn, constants, options.opt_level)));
      it->second = name;
    }
    return it->second;
  }
};

Jit::Jit(HistoryStore& store, JitOptions options) : state_(std::make_unique<State>(store, options)) {
  InitializeLlvm();
  auto target = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!target) {
    setup_error_ = "cannot describe this machine to LLVM: " + Message(target.takeError());
    return;
  }
  target->setCodeGenOptLevel(options.opt_level <= 0 ? llvm::CodeGenOpt::None : llvm::CodeGenOpt::Default);
  auto machine = target->createTargetMachine();
  if (!machine) {
    setup_error_ = "cannot set up LLVM's code generator: " + Message(machine.takeError());
    return;
  }
  state_->machine = std::move(*machine);
  auto lljit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*target)).create();
  if (!lljit) {
    setup_error_ = "cannot start LLVM's JIT: " + Message(lljit.takeError());
    return;
  }
  state_->lljit = std::move(*lljit);
  llvm::orc::SymbolMap calls;
  for (const RuntimeCall& call : RuntimeCalls()) {
#if LLVM_VERSION_MAJOR >= 17
    calls[state_->lljit->mangleAndIntern(call.name)] = {llvm::orc::ExecutorAddr::fromPtr(call.address),
                                                        llvm::JITSymbolFlags::Exported};
#else
    calls[state_->lljit->mangleAndIntern(call.name)] =
        llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(call.address), llvm::JITSymbolFlags::Exported);
#endif
  }
  if (llvm::Error error = state_->lljit->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(calls)))) {
    setup_error_ = "cannot give the JIT the runtime's functions: " + Message(std::move(error));
    state_->lljit.reset();
  }
}

Jit::~Jit() = default;

std::string Jit::Compile(const std::vector<const ir::Segment*>& functions) {
  if (!setup_error_.empty()) return setup_error_;
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  std::vector<const ir::Segment*> define;
  std::unordered_set<std::string> defining;
  for (const ir::Segment* fn : Closure(s.program, functions)) {
    const std::string& symbol = s.SymbolOf(*fn);
    // Functions that compile to the same code (by hash) share one definition.
    if (s.by_symbol.count(symbol) == 0 && defining.insert(symbol).second) define.push_back(fn);
  }
  if (!define.empty()) {
    auto context = std::make_unique<llvm::LLVMContext>();
    auto module = std::make_unique<llvm::Module>("kairos", *context);
    module->setDataLayout(s.lljit->getDataLayout());
    module->setTargetTriple(s.lljit->getTargetTriple().str());
    if (std::string problem = BuildModule(*module, s.program, s.constants, define, s.symbols); !problem.empty()) {
      return problem;
    }
    Optimize(*module, s.options.opt_level, s.machine.get());
    llvm::orc::ThreadSafeModule unit(std::move(module), std::move(context));
    if (llvm::Error error = s.lljit->addIRModule(std::move(unit))) return "cannot add code to the JIT: " + Message(std::move(error));
    for (const ir::Segment* fn : define) {
      const std::string& symbol = s.symbols.at(fn);
      auto address = s.lljit->lookup(symbol);
      if (!address) return "cannot compile `" + fn->name + "`: " + Message(address.takeError());
#if LLVM_VERSION_MAJOR >= 15
      s.by_symbol[symbol] = address->toPtr<NativeFunction>();
#else
      s.by_symbol[symbol] = reinterpret_cast<NativeFunction>(address->getAddress());
#endif
    }
  }
  for (const ir::Segment* fn : functions) s.by_function[fn] = s.by_symbol.at(s.symbols.at(fn));
  return "";
}

NativeFunction Jit::Find(const ir::Segment& fn) const {
  std::lock_guard lock(state_->mutex);
  auto found = state_->by_function.find(&fn);
  return found == state_->by_function.end() ? nullptr : found->second;
}

Value Jit::Call(NativeFunction code, const ContactHistory& contact, const std::vector<Value>& args,
                int64_t now) const {
  NativeContext& context = state_->context;
  context.arena.clear();
  const ContactView view = contact.view();
  NativeValue out{};
  code(&view, now, args.data(), &context, &out);
  if (out.is_null != 0) return Value::Null();
  if (out.composite != nullptr) return *out.composite;
  return Value::Money(out.scalar, out.currency);
}

bool Jit::Test(NativeFunction code, const ContactHistory& contact, const std::vector<Value>& args, int64_t now) const {
  NativeContext& context = state_->context;
  context.arena.clear();
  const ContactView view = contact.view();
  return code(&view, now, args.data(), &context, nullptr) != 0;
}

std::string LlvmModuleText(const ir::Program& program) {
  StringPool strings;
  const NativeConstants constants = MakeConstants(program, strings);
  std::vector<const ir::Segment*> define;
  std::unordered_map<const ir::Segment*, std::string> symbols;
  for (const ir::Segment& segment : program.segments) {
    if (segment.body == ir::kNoNode) continue;
    define.push_back(&segment);
    symbols[&segment] = "segment." + segment.name;
  }
  llvm::LLVMContext context;
  llvm::Module module("kairos", context);
  if (std::string problem = BuildModule(module, program, constants, define, symbols); !problem.empty()) return problem;
  return Print(module);
}

}  // namespace kairos::runtime
