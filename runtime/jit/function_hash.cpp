#include "runtime/jit/function_hash.h"

#include <string_view>

namespace kairos::runtime {
namespace {

// FNV-1a, 64 bits: stable across runs and machines.
class Hasher {
 public:
  void Add(std::string_view bytes) {
    for (const char c : bytes) {
      hash_ ^= static_cast<uint8_t>(c);
      hash_ *= 1099511628211ULL;
    }
    Add(static_cast<uint64_t>(bytes.size()));
  }
  void Add(uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      hash_ ^= (v >> (8 * i)) & 0xff;
      hash_ *= 1099511628211ULL;
    }
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 14695981039346656037ULL;
};

class FunctionHasher {
 public:
  FunctionHasher(const ir::Program& program, const NativeConstants& constants) : program_(program), constants_(constants) {}

  void Schema(Hasher& h) const {
    for (const ir::EventLayout& event : program_.events) {
      h.Add(event.name);
      for (const Symbol* field : event.fields) {
        h.Add(field->name);
        h.Add(field->type.ToString());
      }
    }
    if (program_.contact == nullptr) return;
    for (const Symbol* field : program_.contact->members) {
      h.Add(field->name);
      h.Add(field->type.ToString());
    }
  }

  void Function(Hasher& h, const ir::Segment& fn) const {
    for (const ir::SegmentParam& param : fn.params) h.Add(param.type.ToString());
    Node(h, fn.body);
  }

 private:
  void Node(Hasher& h, ir::NodeId id) const {
    if (id == ir::kNoNode) {
      h.Add(uint64_t{0xffff});
      return;
    }
    const ir::Node& node = program_.node(id);
    h.Add(static_cast<uint64_t>(node.op));
    h.Add(node.type.ToString());
    h.Add(static_cast<uint64_t>(node.value));
    h.Add(node.index);
    h.Add(static_cast<uint64_t>(node.fn));
    h.Add(node.name);
    h.Add(constants_.currency_ids[id]);
    h.Add(static_cast<uint64_t>(constants_.instants[id]));
    if (node.op == ir::Op::Const && node.type.is_string_like()) h.Add(constants_.string_ids[node.value]);
    if (node.op == ir::Op::Segment) Function(h, program_.segments[node.index]);
    if (node.op == ir::Op::History) {
      h.Add(node.history.event);
      h.Add(node.history.field);
      h.Add(static_cast<uint64_t>(node.history.window));
      Node(h, node.history.where);
      Node(h, node.history.window_first);
      Node(h, node.history.window_second);
    }
    h.Add(node.operands.size());
    for (ir::NodeId operand : node.operands) Node(h, operand);
  }

  const ir::Program& program_;
  const NativeConstants& constants_;
};

}  // namespace

uint64_t FunctionHash(const ir::Program& program, const ir::Segment& fn, const NativeConstants& constants,
                      int opt_level) {
  Hasher h;
  h.Add(static_cast<uint64_t>(opt_level));
  const FunctionHasher hasher(program, constants);
  hasher.Schema(h);
  hasher.Function(h, fn);
  return h.value();
}

}  // namespace kairos::runtime
