#include "tests/differential/batch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "compiler/check/check.h"
#include "compiler/diagnostics/print.h"
#include "compiler/ir/lower.h"
#include "compiler/project/project.h"
#include "runtime/events/load_events.h"
#include "runtime/tiers/predicate_engine.h"
#include "stdlib/prelude.h"
#include "tests/differential/value_text.h"

namespace kairos::differential {
namespace {

using runtime::Value;

// The nodes a node's value depends on directly, `where`s and windows included.
std::vector<ir::NodeId> Children(const ir::Node& node) {
  std::vector<ir::NodeId> children = node.operands;
  for (ir::NodeId h : {node.history.where, node.history.window_first, node.history.window_second}) {
    if (node.op == ir::Op::History && h != ir::kNoNode) children.push_back(h);
  }
  return children;
}

// Nodes under `body` whose value does not depend on an enclosing `where` or
// list function: each can be evaluated as a function with the segment's params.
void ProbeCandidates(const ir::Program& program, ir::NodeId id, std::vector<ir::NodeId>& out) {
  const ir::Node& node = program.node(id);
  if (node.op != ir::Op::Const) out.push_back(id);
  std::vector<ir::NodeId> children = node.operands;
  if (node.op == ir::Op::ListFn) children.resize(1);  // the list, not the predicate
  if (node.op == ir::Op::History) {
    for (ir::NodeId w : {node.history.window_first, node.history.window_second}) {
      if (w != ir::kNoNode) children.push_back(w);
    }
  }
  for (ir::NodeId child : children) ProbeCandidates(program, child, out);
}

void AddProbes(ir::Program& program, Choices& choices, int per_segment) {
  const size_t segments = program.segments.size();
  for (size_t s = 0; s < segments; ++s) {
    const ir::Segment& segment = program.segments[s];
    std::vector<ir::NodeId> candidates;
    ProbeCandidates(program, segment.body, candidates);
    candidates.erase(std::remove(candidates.begin(), candidates.end(), segment.body), candidates.end());
    // Values other than bool say more: prefer them.
    std::stable_partition(candidates.begin(), candidates.end(),
                          [&](ir::NodeId id) { return !program.node(id).type.is(TypeKind::Bool); });
    const size_t values = static_cast<size_t>(std::count_if(candidates.begin(), candidates.end(), [&](ir::NodeId id) {
      return !program.node(id).type.is(TypeKind::Bool);
    }));
    std::set<ir::NodeId> chosen;
    for (int k = 0; k < per_segment && chosen.size() < candidates.size(); ++k) {
      const bool value = values > 0 && choices.Chance(80);
      chosen.insert(candidates[choices.Below(value ? values : candidates.size())]);
    }
    int k = 0;
    for (ir::NodeId id : chosen) {
      program.functions.push_back(
          {segment.name + "/probe" + std::to_string(k++), segment.symbol, segment.params, id});
    }
  }
}

// The segments a function uses, directly or through others.
void Callees(const ir::Program& program, ir::NodeId id, std::set<uint32_t>& out) {
  const ir::Node& node = program.node(id);
  if (node.op == ir::Op::Segment && out.insert(node.index).second) {
    Callees(program, program.segments[node.index].body, out);
  }
  for (ir::NodeId child : Children(node)) Callees(program, child, out);
}

Value ArgValue(const Type& type, Choices& choices, runtime::HistoryStore& store, const World& world) {
  if (type.is_optional() && choices.Chance(20)) return Value::Null();
  const Type& t = type.NonOptional();
  switch (t.kind()) {
    case TypeKind::Bool: return Value::Scalar(choices.Chance(50) ? 1 : 0);
    case TypeKind::Int: return Value::Scalar(choices.Chance(50) ? choices.Between(0, 12) : choices.Between(-100, kMaxIntField));
    case TypeKind::Decimal: return Value::Scalar(choices.Between(-kMaxDecimalField / 100, kMaxDecimalField));
    case TypeKind::Money:
      return Value::Money(choices.Between(0, kMaxMoneyField / 10) / 100 * 100, store.strings().Intern("ILS"));
    case TypeKind::Percent: return Value::Scalar(choices.Between(0, kMaxPercentField));
    case TypeKind::Duration: return Value::Scalar(choices.Pick(world.durations));
    case TypeKind::Timestamp: return Value::Scalar(choices.Pick(world.anchors) + choices.Between(-1, 1));
    case TypeKind::Date: return Value::Scalar(choices.Pick(world.anchors) / 86'400 + choices.Between(-1, 1));
    default: return Value::Scalar(store.strings().Intern(choices.Pick(Words())));
  }
}

void PrintDiagnostics(const DiagnosticSink& sink, std::ostream& out) {
  for (const Diagnostic& d : sink.diagnostics()) PrintDiagnosticText(out, d);
}

struct TierUnderTest {
  const char* name;
  runtime::PredicateEngine* engine;
};

}  // namespace

BatchResult RunBatch(const SchemaModel& schema, Choices& choices, const BatchOptions& options,
                     const std::string& replay, std::ostream& out) {
  BatchResult result;
  const World world = MakeWorld(choices);
  const GeneratedProgram generated = GenerateProgram(schema, world, choices, options.program);
  const GeneratedHistory history = GenerateHistory(schema, world, choices, options.history);
  if (!options.dump_dir.empty()) {
    std::filesystem::create_directories(options.dump_dir);
    std::ofstream(options.dump_dir + "/generated.journey") << generated.source;
    std::ofstream(options.dump_dir + "/events.jsonl") << history.jsonl;
  }

  // The real front end, as `kairos check` runs it.
  Project project;
  DiagnosticSink sink;
  AddSource(project, "generated.journey", generated.source, sink);
  AddSource(project, std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()), sink);
  std::unique_ptr<SemanticModel> model = Check(project, sink);
  ir::Program program;
  if (!sink.has_errors()) program = LowerPredicates(project, *model, sink);
  if (sink.has_errors()) {
    out << "=== the front end refuses a generated program (a generator bug); " << replay << "\n";
    PrintDiagnostics(sink, out);
    out << generated.source;
    result.failed = true;
    return result;
  }
  AddProbes(program, choices, options.probes_per_segment);
  std::vector<const ir::Segment*> functions;
  for (const ir::Segment& s : program.segments) functions.push_back(&s);
  for (const ir::Segment& f : program.functions) functions.push_back(&f);
  result.functions = functions.size();

  runtime::HistoryStore store(program);
  const runtime::LoadResult loaded = runtime::LoadEvents(history.jsonl, store, /*strict=*/true);
  if (!loaded.errors.empty()) {
    const runtime::EventError& error = loaded.errors.front();
    size_t start = 0;
    for (int line = 1; line < error.line; ++line) start = history.jsonl.find('\n', start) + 1;
    out << "=== the loader refuses a generated event (a generator bug); " << replay << "\n"
        << "line " << error.line << ": " << error.reason << "\n"
        << history.jsonl.substr(start, history.jsonl.find('\n', start) - start) << "\n";
    result.failed = true;
    return result;
  }
  std::vector<const runtime::ContactHistory*> contacts;
  for (const GeneratedContact& c : history.contacts) contacts.push_back(&store.Contact(c.id));

  // Every optimisation level, and `auto` compiling in the background or in line.
  const int opt_level = static_cast<int>(choices.Below(4));
  const bool background = choices.Chance(30);
  runtime::PredicateEngine interp(store, {runtime::Tier::Interp});
  runtime::PredicateEngine jit(store, {runtime::Tier::Jit, opt_level});
  runtime::PredicateEngine tiered(store, {runtime::Tier::Auto, opt_level, 2, background});
  if (std::string error = jit.Prepare(functions); !error.empty()) {
    out << "=== native code is not available; " << replay << "\n" << error << "\n" << generated.source;
    result.failed = true;
    return result;
  }
  for (const ir::Segment* fn : functions) {
    if (jit.IsNative(*fn)) continue;
    out << "=== no native code for " << fn->name << "; " << replay << "\n";
    result.failed = true;
    return result;
  }
  std::vector<TierUnderTest> tiers = {{"jit", &jit}};
  if (options.auto_tier) tiers.push_back({"auto", &tiered});

  std::vector<Value> args;
  for (int64_t now : world.nows) {
    for (size_t c = 0; c < contacts.size(); ++c) {
      const runtime::ContactHistory& contact = *contacts[c];
      for (const ir::Segment* fn : functions) {
        args.clear();
        for (const ir::SegmentParam& param : fn->params) args.push_back(ArgValue(param.type, choices, store, world));
        const Value expected = interp.Evaluate(contact, *fn, args, now);
        ++result.cases;
        if (expected.is_null()) {
          ++result.null_results;
        } else if (program.node(fn->body).type.is(TypeKind::Bool)) {
          ++(expected.scalar != 0 ? result.true_results : result.false_results);
        } else {
          ++result.other_results;
        }
        const bool is_bool = program.node(fn->body).type.is(TypeKind::Bool);
        const bool holds = !expected.is_null() && expected.scalar != 0;
        for (const TierUnderTest& tier : tiers) {
          Value actual = tier.engine->Evaluate(contact, *fn, args, now);
          // A bool function also answers through Test, which native code
          // computes without handing out a value.
          std::string via = "Evaluate";
          if (SameValue(expected, actual) && is_bool && tier.engine->Test(contact, *fn, args, now) != holds) {
            actual = Value::Scalar(holds ? 0 : 1);
            via = "Test";
          }
          if (SameValue(expected, actual)) continue;
          if (++result.mismatches > 3) continue;  // the first few say enough
          const PoolView strings{store.strings(), store.strings().Intern("\x01")};
          const Type& type = program.node(fn->body).type;
          out << "=== the tiers disagree; " << replay << "\n"
              << "function " << fn->name << " : " << type.ToString() << "\n";
          if (fn->name.find('/') != std::string::npos) out << "  value of " << NodeText(program, fn->body) << "\n";
          std::set<uint32_t> used;
          Callees(program, fn->body, used);
          const std::string owner = fn->name.substr(0, fn->name.find('/'));
          for (size_t s = 0; s < generated.segments.size(); ++s) {
            if (generated.segments[s].name == owner || used.count(static_cast<uint32_t>(s)) > 0) {
              out << generated.segments[s].source;
            }
          }
          out << "now " << InstantText(now) << " (" << now << "), schema zone \"" << world.timezone
              << "\", opt level " << opt_level << (background ? ", compiling in the background" : "") << "\n";
          for (size_t a = 0; a < args.size(); ++a) {
            out << fn->params[a].name << " = " << ValueText(args[a], fn->params[a].type, strings) << "\n";
          }
          out << "contact \"" << history.contacts[c].id << "\", events in load order:\n";
          for (const std::string& line : history.contacts[c].lines) out << "  " << line << "\n";
          out << "interp: " << ValueText(expected, type, strings) << "\n"
              << tier.name << " (" << via << "): " << ValueText(actual, type, strings) << "\n";
        }
      }
    }
  }
  for (const TierUnderTest& tier : tiers) {
    for (const std::string& error : tier.engine->errors()) {
      out << "=== " << tier.name << " could not compile: " << error << "; " << replay << "\n";
      result.failed = true;
    }
  }
  if (result.mismatches > 0) {
    out << result.mismatches << " disagreements in this batch; " << replay << "\n";
    result.failed = true;
  }
  return result;
}

}  // namespace kairos::differential
