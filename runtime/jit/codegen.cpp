#include "runtime/jit/codegen.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <cstddef>

#include "runtime/calendar/calendar.h"
#include "runtime/history/history.h"
#include "runtime/jit/jit.h"

namespace kairos::runtime {
namespace {

using ir::NodeId;
using ir::Op;

bool IsComposite(const Type& type) {
  const Type& t = type.NonOptional();
  return t.is(TypeKind::List) || t.is(TypeKind::Set) || t.is(TypeKind::Record) || t.is(TypeKind::Coupon);
}

bool IsScaled(const Type& type) {
  const Type& t = type.NonOptional();
  return t.is(TypeKind::Decimal) || t.is(TypeKind::Percent);
}

// A value in native code: null flag (i1), scalar (i64), currency (i32) and,
// for lists and records, a pointer to the Value (never nullptr: a null
// composite points to a null Value).
struct NV {
  llvm::Value* null;
  llvm::Value* scalar;
  llvm::Value* currency;
  llvm::Value* composite;
};

// One function being emitted.
class FunctionEmitter {
 public:
  FunctionEmitter(llvm::Module& module, const ir::Program& program, const NativeConstants& constants,
                  const std::unordered_map<const ir::Segment*, std::string>& symbols)
      : module_(module),
        context_(module.getContext()),
        b_(context_),
        program_(program),
        constants_(constants),
        symbols_(symbols) {
    i1_ = b_.getInt1Ty();
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    ptr_ = b_.getInt8PtrTy();
  }

  llvm::FunctionType* FunctionType() {
    return llvm::FunctionType::get(i8_, {ptr_, i64_, ptr_, ptr_, ptr_}, false);
  }

  void Emit(const ir::Segment& fn) {
    llvm::Function* f = Declare(fn);
    entry_ = llvm::BasicBlock::Create(context_, "entry", f);
    b_.SetInsertPoint(entry_);
    auto arg = f->arg_begin();
    contact_ = &*arg++;
    now_ = &*arg++;
    args_ = &*arg++;
    ctx_ = &*arg++;
    llvm::Value* out = &*arg;
    const NV result = Eval(fn.body);
    const Type& type = program_.node(fn.body).type;
    llvm::BasicBlock* store = NewBlock("store");
    llvm::BasicBlock* done = NewBlock("done");
    b_.CreateCondBr(b_.CreateIsNull(out), done, store);
    b_.SetInsertPoint(store);
    b_.CreateStore(result.scalar, Field(out, offsetof(NativeValue, scalar), i64_));
    b_.CreateStore(result.composite, Field(out, offsetof(NativeValue, composite), ptr_));
    b_.CreateStore(result.currency, Field(out, offsetof(NativeValue, currency), i32_));
    b_.CreateStore(b_.CreateZExt(result.null, i8_), Field(out, offsetof(NativeValue, is_null), i8_));
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    b_.CreateRet(b_.CreateZExt(Truthy(result, type), i8_));
  }

  llvm::Function* Declare(const ir::Segment& fn) {
    const std::string& name = symbols_.at(&fn);
    if (llvm::Function* existing = module_.getFunction(name)) return existing;
    return llvm::Function::Create(FunctionType(), llvm::Function::ExternalLinkage, name, module_);
  }

 private:
  // ---- helpers -------------------------------------------------------------

  llvm::BasicBlock* NewBlock(const char* name) {
    return llvm::BasicBlock::Create(context_, name, b_.GetInsertBlock()->getParent());
  }

  llvm::Value* I64(int64_t v) { return llvm::ConstantInt::get(i64_, static_cast<uint64_t>(v), true); }
  llvm::Value* I32(uint32_t v) { return llvm::ConstantInt::get(i32_, v); }
  llvm::Value* I8(uint8_t v) { return llvm::ConstantInt::get(i8_, v); }
  llvm::Value* True() { return llvm::ConstantInt::getTrue(context_); }
  llvm::Value* False() { return llvm::ConstantInt::getFalse(context_); }
  llvm::Value* NullPtr() { return llvm::ConstantPointerNull::get(ptr_); }

  // A pointer to the `type` at `offset` bytes from `base`.
  llvm::Value* Field(llvm::Value* base, uint64_t offset, llvm::Type* type) {
    llvm::Value* at = offset == 0 ? base : b_.CreateConstInBoundsGEP1_64(i8_, base, offset);
    return b_.CreateBitCast(at, type->getPointerTo());
  }
  llvm::Value* Load(llvm::Value* base, uint64_t offset, llvm::Type* type) {
    return b_.CreateLoad(type, Field(base, offset, type));
  }
  // base + index * stride, as i8*.
  llvm::Value* Index(llvm::Value* base, llvm::Value* index, uint64_t stride) {
    return b_.CreateInBoundsGEP(i8_, base, b_.CreateMul(index, I64(static_cast<int64_t>(stride))));
  }

  llvm::Value* EntryAlloca(llvm::Type* type) {
    llvm::IRBuilder<> entry(entry_, entry_->begin());
    return entry.CreateAlloca(type);
  }

  llvm::FunctionCallee Runtime(const char* name, llvm::Type* result, std::vector<llvm::Type*> params) {
    return module_.getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
  }
  llvm::Value* Call(const char* name, llvm::Type* result, std::vector<llvm::Value*> args) {
    std::vector<llvm::Type*> params;
    for (llvm::Value* a : args) params.push_back(a->getType());
    return b_.CreateCall(Runtime(name, result, params), args);
  }

  NV Scalar(llvm::Value* scalar, llvm::Value* currency = nullptr, llvm::Value* null = nullptr) {
    return {null != nullptr ? null : False(), scalar, currency != nullptr ? currency : I32(0), NullPtr()};
  }
  NV Bool(llvm::Value* truth) { return Scalar(b_.CreateZExt(truth, i64_)); }
  NV Null(const Type& type) {
    if (IsComposite(type)) return {True(), I64(0), I32(0), Call("kairos_rt_null", ptr_, {})};
    return {True(), I64(0), I32(0), NullPtr()};
  }

  // Reads a Value (runtime/history/history.h) as a value of `type`.
  NV Read(llvm::Value* value, const Type& type) {
    llvm::Value* kind = Load(value, kValueKindOffset, i8_);
    llvm::Value* null = b_.CreateICmpEQ(kind, I8(static_cast<uint8_t>(Value::Kind::Null)));
    if (IsComposite(type)) return {null, I64(0), I32(0), value};
    llvm::Value* currency =
        type.NonOptional().is(TypeKind::Money) ? Load(value, kValueCurrencyOffset, i32_) : I32(0);
    return {null, Load(value, kValueScalarOffset, i64_), currency, NullPtr()};
  }

  llvm::Value* Truthy(const NV& v, const Type& type) {
    if (IsComposite(type)) return False();
    return b_.CreateAnd(b_.CreateNot(v.null), b_.CreateICmpNE(v.scalar, I64(0)));
  }

  // Joins the values of two or more blocks.
  struct Join {
    std::vector<std::pair<NV, llvm::BasicBlock*>> incoming;
  };
  void Arrive(Join& join, const NV& v, llvm::BasicBlock* to) {
    join.incoming.emplace_back(v, b_.GetInsertBlock());
    b_.CreateBr(to);
  }
  NV Merge(const Join& join) {
    auto phi = [&](llvm::Type* type, auto member) -> llvm::Value* {
      llvm::PHINode* node = b_.CreatePHI(type, static_cast<unsigned>(join.incoming.size()));
      for (const auto& [v, block] : join.incoming) node->addIncoming(v.*member, block);
      return node;
    };
    return {phi(i1_, &NV::null), phi(i64_, &NV::scalar), phi(i32_, &NV::currency), phi(ptr_, &NV::composite)};
  }

  // `a / b` rounded half away from zero (as the interpreter's DivideRounded);
  // a zero divisor, whose result is never used, divides by one instead.
  llvm::Value* DivideRounded(llvm::Value* a, llvm::Value* b) {
    b = b_.CreateSelect(b_.CreateICmpEQ(b, I64(0)), I64(1), b);
    llvm::Value* q = b_.CreateSDiv(a, b);
    llvm::Value* r = b_.CreateSRem(a, b);
    llvm::Value* negative = b_.CreateXor(b_.CreateICmpSLT(a, I64(0)), b_.CreateICmpSLT(b, I64(0)));
    auto abs = [&](llvm::Value* x) { return b_.CreateSelect(b_.CreateICmpSLT(x, I64(0)), b_.CreateNeg(x), x); };
    llvm::Value* half = b_.CreateICmpSGE(b_.CreateMul(abs(r), I64(2)), abs(b));
    llvm::Value* rounded = b_.CreateSelect(negative, b_.CreateSub(q, I64(1)), b_.CreateAdd(q, I64(1)));
    return b_.CreateSelect(b_.CreateAnd(b_.CreateICmpNE(r, I64(0)), half), rounded, q);
  }

  // An int where a decimal is expected takes the decimal scale.
  NV Promote(NV v, const Type& from, const Type& to) {
    if (IsScaled(to) && from.NonOptional().is(TypeKind::Int)) v.scalar = b_.CreateMul(v.scalar, I64(10000));
    return v;
  }

  // The scaled value of an int operand in decimal arithmetic.
  llvm::Value* Scale(const Type& from, llvm::Value* v) {
    return from.NonOptional().is(TypeKind::Int) ? b_.CreateMul(v, I64(10000)) : v;
  }

  // ---- expressions ---------------------------------------------------------

  NV Eval(NodeId id) {
    const ir::Node& node = program_.node(id);
    switch (node.op) {
      case Op::Const: return Constant(id, node);
      case Op::LocalDateTime: return Scalar(I64(constants_.instants[id]));
      case Op::Now: return Scalar(now_);
      case Op::Today: return Scalar(Call("kairos_rt_today", i64_, {ctx_, contact_, now_}));
      case Op::Anonymous:
      case Op::Identified: {
        llvm::Value* identified = b_.CreateICmpNE(Load(contact_, offsetof(ContactView, identified), i64_), I64(0));
        return Bool(node.op == Op::Identified ? identified : b_.CreateNot(identified));
      }
      case Op::Param: return Read(Index(args_, I64(node.index), sizeof(Value)), node.type);
      case Op::Contact: return {False(), I64(0), I32(0), Call("kairos_rt_contact_record", ptr_, {ctx_, contact_})};
      case Op::ContactField:
        return Read(Index(Load(contact_, offsetof(ContactView, fields), ptr_), I64(node.index), sizeof(Value)),
                    node.type);
      case Op::EventField: return EventField(node);
      case Op::Element: return Read(elements_[elements_.size() - 1 - node.index], node.type);
      case Op::Member: {
        const ir::Node& history = program_.node(node.operands[0]);
        if (history.op == Op::History && (history.fn == ir::Fn::First || history.fn == ir::Fn::Last)) {
          return History(history, &node);  // reads the one field, without building the event's record
        }
        const NV object = Eval(node.operands[0]);
        return Read(Call("kairos_rt_member", ptr_, {object.composite, I64(node.index)}), node.type);
      }
      case Op::Property: {
        const NV object = Eval(node.operands[0]);
        const CalendarPart part = CalendarPartOf(program_.node(node.operands[0]).type, node.name);
        llvm::Value* v = Call("kairos_rt_calendar", i64_, {ctx_, contact_, I8(static_cast<uint8_t>(part)), object.scalar});
        return Scalar(v, nullptr, object.null);
      }
      case Op::History: return History(node);
      case Op::ListFn: return ListFn(node);
      case Op::Segment: return CallFunction(node);
      case Op::Builtin: return Null(node.type);  // callers refuse functions that use the catalogue
      case Op::ListLiteral:
      case Op::RecordLiteral: {
        llvm::Value* composite =
            Call("kairos_rt_new_composite", ptr_, {ctx_, I8(node.op == Op::RecordLiteral ? 1 : 0)});
        for (NodeId operand : node.operands) Push(composite, Eval(operand), program_.node(operand).type);
        return {False(), I64(0), I32(0), composite};
      }
      case Op::Not: {
        const NV v = Eval(node.operands[0]);
        return Bool(b_.CreateNot(Truthy(v, program_.node(node.operands[0]).type)));
      }
      case Op::Neg: {
        NV v = Eval(node.operands[0]);
        v.scalar = b_.CreateNeg(v.scalar);
        return v;
      }
      case Op::And:
      case Op::Or: return ShortCircuit(node);
      case Op::Coalesce: return Coalesce(node);
      case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: return Compare(node);
      case Op::In:
      case Op::NotIn: return In(node);
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: return Arithmetic(node);
    }
    return Null(node.type);
  }

  NV Constant(NodeId id, const ir::Node& node) {
    if (node.type.is(TypeKind::Null)) return Null(node.type);
    if (node.type.is_string_like()) {
      return Scalar(I64(constants_.string_ids[static_cast<size_t>(node.value)]));
    }
    if (node.type.is(TypeKind::Money)) return Scalar(I64(node.value), I32(constants_.currency_ids[id]));
    return Scalar(I64(node.value));
  }

  void Push(llvm::Value* composite, const NV& v, const Type& type) {
    if (IsComposite(type)) {
      Call("kairos_rt_push_value", b_.getVoidTy(), {composite, v.composite});
    } else {
      Call("kairos_rt_push_scalar", b_.getVoidTy(), {composite, b_.CreateZExt(v.null, i8_), v.scalar, v.currency});
    }
  }

  NV EventField(const ir::Node& node) {
    const auto& [table, row] = rows_[rows_.size() - 1 - static_cast<size_t>(node.value)];
    return Cell(table, row, node.index, node.type);
  }

  // Field `field` (of `type`) of row `row` of an event table.
  NV Cell(llvm::Value* table, llvm::Value* row, uint32_t field, const Type& type) {
    llvm::Value* columns = Load(table, offsetof(TableView, columns), ptr_);
    llvm::Value* column = Index(columns, I64(field), sizeof(ColumnView));
    if (IsComposite(type)) {
      return Read(Index(Load(column, offsetof(ColumnView, composites), ptr_), row, sizeof(Value)), type);
    }
    llvm::Value* present = b_.CreateLoad(i8_, b_.CreateInBoundsGEP(i8_, Load(column, offsetof(ColumnView, present), ptr_), row));
    llvm::Value* scalars = b_.CreateBitCast(Load(column, offsetof(ColumnView, scalars), ptr_), i64_->getPointerTo());
    llvm::Value* scalar = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, scalars, row));
    llvm::Value* currency = I32(0);
    if (type.NonOptional().is(TypeKind::Money)) {
      llvm::Value* currencies =
          b_.CreateBitCast(Load(column, offsetof(ColumnView, currencies), ptr_), i32_->getPointerTo());
      currency = b_.CreateLoad(i32_, b_.CreateInBoundsGEP(i32_, currencies, row));
    }
    return Scalar(scalar, currency, b_.CreateICmpEQ(present, I8(0)));
  }

  NV ShortCircuit(const ir::Node& node) {
    const bool is_and = node.op == Op::And;
    llvm::Value* left = Truthy(Eval(node.operands[0]), program_.node(node.operands[0]).type);
    llvm::BasicBlock* left_end = b_.GetInsertBlock();
    llvm::BasicBlock* right_block = NewBlock(is_and ? "and.rhs" : "or.rhs");
    llvm::BasicBlock* done = NewBlock(is_and ? "and.end" : "or.end");
    if (is_and) {
      b_.CreateCondBr(left, right_block, done);
    } else {
      b_.CreateCondBr(left, done, right_block);
    }
    b_.SetInsertPoint(right_block);
    llvm::Value* right = Truthy(Eval(node.operands[1]), program_.node(node.operands[1]).type);
    llvm::BasicBlock* right_end = b_.GetInsertBlock();
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    llvm::PHINode* truth = b_.CreatePHI(i1_, 2);
    truth->addIncoming(is_and ? False() : True(), left_end);
    truth->addIncoming(right, right_end);
    return Bool(truth);
  }

  NV Coalesce(const ir::Node& node) {
    const Type& left_type = program_.node(node.operands[0]).type;
    const Type& right_type = program_.node(node.operands[1]).type;
    const NV left = Eval(node.operands[0]);
    llvm::BasicBlock* right_block = NewBlock("coalesce.rhs");
    llvm::BasicBlock* left_block = NewBlock("coalesce.lhs");
    llvm::BasicBlock* done = NewBlock("coalesce.end");
    b_.CreateCondBr(left.null, right_block, left_block);
    Join join;
    b_.SetInsertPoint(left_block);
    Arrive(join, Promote(left, left_type, node.type), done);
    b_.SetInsertPoint(right_block);
    Arrive(join, Promote(Eval(node.operands[1]), right_type, node.type), done);
    b_.SetInsertPoint(done);
    NV result = Merge(join);
    if (IsComposite(node.type) != IsComposite(left_type) || IsComposite(node.type) != IsComposite(right_type)) {
      // `null` on one side: the composite pointer must stay valid.
      result.composite = b_.CreateSelect(b_.CreateIsNull(result.composite), Null(node.type).composite,
                                         result.composite);
    }
    return result;
  }

  NV Compare(const ir::Node& node) {
    const Type& ta = program_.node(node.operands[0]).type;
    const Type& tb = program_.node(node.operands[1]).type;
    const NV a = Promote(Eval(node.operands[0]), ta, tb);
    const NV b = Promote(Eval(node.operands[1]), tb, ta);
    llvm::Value* either_null = b_.CreateOr(a.null, b.null);
    llvm::Value* both_null = b_.CreateAnd(a.null, b.null);
    // With a null: `==` holds for two nulls, `!=` for one, ordering never.
    llvm::Value* null_result = node.op == Op::Eq   ? both_null
                               : node.op == Op::Ne ? b_.CreateXor(a.null, b.null)
                                                   : False();
    llvm::Value* result = nullptr;
    if (IsComposite(ta) || IsComposite(tb)) {
      llvm::Value* pa = IsComposite(ta) ? a.composite : Call("kairos_rt_null", ptr_, {});
      llvm::Value* pb = IsComposite(tb) ? b.composite : Call("kairos_rt_null", ptr_, {});
      llvm::Value* equal = b_.CreateICmpNE(Call("kairos_rt_equal", i8_, {pa, pb}), I8(0));
      result = node.op == Op::Eq ? equal : node.op == Op::Ne ? b_.CreateNot(equal) : False();
      return Bool(b_.CreateSelect(either_null, null_result, result));
    }
    llvm::Value* x = a.scalar;
    llvm::Value* y = b.scalar;
    const bool ordered_text = ta.NonOptional().is_string_like() && node.op != Op::Eq && node.op != Op::Ne;
    if (ordered_text) {
      x = b_.CreateSExt(Call("kairos_rt_string_order", i32_, {ctx_, a.scalar, b.scalar}), i64_);
      y = I64(0);
    }
    switch (node.op) {
      case Op::Eq: result = b_.CreateICmpEQ(x, y); break;
      case Op::Ne: result = b_.CreateICmpNE(x, y); break;
      case Op::Lt: result = b_.CreateICmpSLT(x, y); break;
      case Op::Le: result = b_.CreateICmpSLE(x, y); break;
      case Op::Gt: result = b_.CreateICmpSGT(x, y); break;
      default: result = b_.CreateICmpSGE(x, y); break;
    }
    return Bool(b_.CreateSelect(either_null, null_result, result));
  }

  NV In(const ir::Node& node) {
    const Type& needle_type = program_.node(node.operands[0]).type;
    const ir::Node& haystack = program_.node(node.operands[1]);
    const NV needle = Eval(node.operands[0]);
    llvm::Value* found = nullptr;
    if (haystack.op == Op::ListLiteral && !IsComposite(needle_type) &&
        (haystack.operands.empty() || !IsComposite(program_.node(haystack.operands[0]).type))) {
      // A written list of scalars: compare inline.
      found = False();
      for (NodeId operand : haystack.operands) {
        const NV item = Eval(operand);
        llvm::Value* equal = b_.CreateSelect(b_.CreateOr(needle.null, item.null), b_.CreateAnd(needle.null, item.null),
                                             b_.CreateICmpEQ(needle.scalar, item.scalar));
        found = b_.CreateOr(found, equal);
      }
    } else {
      const NV list = Eval(node.operands[1]);
      llvm::Value* composite = IsComposite(needle_type) ? needle.composite : NullPtr();
      found = b_.CreateICmpNE(
          Call("kairos_rt_contains", i8_, {list.composite, composite, b_.CreateZExt(needle.null, i8_), needle.scalar}),
          I8(0));
    }
    return Bool(node.op == Op::In ? found : b_.CreateNot(found));
  }

  NV Arithmetic(const ir::Node& node) {
    const NV a = Eval(node.operands[0]);
    const NV b = Eval(node.operands[1]);
    const Type& ta = program_.node(node.operands[0]).type.NonOptional();
    const Type& tb = program_.node(node.operands[1]).type.NonOptional();
    const Type& result = node.type.NonOptional();
    llvm::Value* null = b_.CreateOr(a.null, b.null);
    llvm::Value* currency = ta.is(TypeKind::Money)
                                ? a.currency
                                : b_.CreateSelect(b_.CreateICmpNE(a.currency, I32(0)), a.currency, b.currency);
    auto money_or_scalar = [&](llvm::Value* v) {
      return Scalar(v, result.is(TypeKind::Money) ? currency : I32(0), null);
    };
    // Date ± duration moves by whole days.
    if (result.is(TypeKind::Date) && tb.is(TypeKind::Duration)) {
      llvm::Value* days = b_.CreateSDiv(b.scalar, I64(86400));
      return Scalar(node.op == Op::Sub ? b_.CreateSub(a.scalar, days) : b_.CreateAdd(a.scalar, days), nullptr, null);
    }
    if (node.op == Op::Add || node.op == Op::Sub) {
      if (result.is_string_like()) {
        // Concatenation interns a new string: only when both sides are there.
        llvm::BasicBlock* join_block = NewBlock("concat.join");
        llvm::BasicBlock* concat = NewBlock("concat");
        llvm::BasicBlock* before = b_.GetInsertBlock();
        b_.CreateCondBr(null, join_block, concat);
        b_.SetInsertPoint(concat);
        llvm::Value* joined = Call("kairos_rt_concat", i64_, {ctx_, a.scalar, b.scalar});
        b_.CreateBr(join_block);
        b_.SetInsertPoint(join_block);
        llvm::PHINode* phi = b_.CreatePHI(i64_, 2);
        phi->addIncoming(I64(0), before);
        phi->addIncoming(joined, concat);
        return Scalar(phi, nullptr, null);
      }
      const bool scaled = result.is(TypeKind::Decimal);
      llvm::Value* x = scaled ? Scale(ta, a.scalar) : a.scalar;
      llvm::Value* y = scaled ? Scale(tb, b.scalar) : b.scalar;
      return money_or_scalar(node.op == Op::Add ? b_.CreateAdd(x, y) : b_.CreateSub(x, y));
    }
    // Mul and Div: a scaled operand (decimal, percent) carries its scale.
    auto denominator_of = [](const Type& t) -> int64_t {
      if (t.is(TypeKind::Percent)) return 1000000;
      if (t.is(TypeKind::Decimal)) return 10000;
      return 1;
    };
    if (node.op == Op::Mul) {
      if (result.is(TypeKind::Decimal)) {
        return Scalar(DivideRounded(b_.CreateMul(Scale(ta, a.scalar), Scale(tb, b.scalar)), I64(10000)), nullptr,
                      null);
      }
      if (result.is(TypeKind::Int)) return Scalar(b_.CreateMul(a.scalar, b.scalar), nullptr, null);
      const bool a_unit = ta.is(TypeKind::Money) || ta.is(TypeKind::Duration);
      llvm::Value* unit = a_unit ? a.scalar : b.scalar;
      llvm::Value* factor = a_unit ? b.scalar : a.scalar;
      const int64_t denominator = denominator_of(a_unit ? tb : ta);
      return money_or_scalar(DivideRounded(b_.CreateMul(unit, factor), I64(denominator)));
    }
    // Div: by zero gives null.
    null = b_.CreateOr(null, b_.CreateICmpEQ(b.scalar, I64(0)));
    llvm::Value* divisor = b_.CreateSelect(b_.CreateICmpEQ(b.scalar, I64(0)), I64(1), b.scalar);
    if (result.is(TypeKind::Money) || result.is(TypeKind::Duration)) {
      return money_or_scalar(DivideRounded(b_.CreateMul(a.scalar, I64(denominator_of(tb))), divisor));
    }
    if (result.is(TypeKind::Int)) return Scalar(b_.CreateSDiv(a.scalar, divisor), nullptr, null);
    const bool units = ta.is(TypeKind::Money) || ta.is(TypeKind::Duration);
    llvm::Value* x = units ? a.scalar : Scale(ta, a.scalar);
    llvm::Value* y = units ? divisor : Scale(tb, divisor);
    return Scalar(DivideRounded(b_.CreateMul(x, I64(10000)), y), nullptr, null);
  }

  NV CallFunction(const ir::Node& node) {
    const ir::Segment& callee = program_.segments[node.index];
    llvm::Value* args = NullPtr();
    if (!node.operands.empty()) {
      llvm::Value* list = Call("kairos_rt_new_composite", ptr_, {ctx_, I8(0)});
      for (NodeId operand : node.operands) Push(list, Eval(operand), program_.node(operand).type);
      args = Call("kairos_rt_list_data", ptr_, {list});
    }
    llvm::Value* out = EntryAlloca(llvm::ArrayType::get(i8_, sizeof(NativeValue)));
    out = b_.CreateBitCast(out, ptr_);
    b_.CreateCall(FunctionType(), Declare(callee), {contact_, now_, args, ctx_, out});
    llvm::Value* null = b_.CreateICmpNE(Load(out, offsetof(NativeValue, is_null), i8_), I8(0));
    return Scalar(Load(out, offsetof(NativeValue, scalar), i64_), nullptr, null);
  }

  // ---- history functions ---------------------------------------------------

  // A window bound as an instant (as the interpreter's WindowBound).
  NV WindowBound(NodeId id, int64_t days_after) {
    NV bound = Eval(id);
    if (!program_.node(id).type.NonOptional().is(TypeKind::Date)) return bound;
    bound.scalar =
        Call("kairos_rt_day_start", i64_, {ctx_, contact_, b_.CreateAdd(bound.scalar, I64(days_after))});
    return bound;
  }

  // With `member`, a `first`/`last` gives that field of the event found.
  NV History(const ir::Node& node, const ir::Node* member = nullptr) {
    const ir::HistoryCall& h = node.history;
    const ir::Fn fn = node.fn;
    const Type& result_type = member != nullptr ? member->type : node.type;
    llvm::Value* table =
        b_.CreateConstInBoundsGEP1_64(i8_, Load(contact_, offsetof(ContactView, tables), ptr_), h.event * sizeof(EventTable));
    Join join;
    llvm::BasicBlock* done = NewBlock("history.end");
    llvm::Value* lo = I64(INT64_MIN);
    llvm::Value* lo_inclusive = I8(1);
    llvm::Value* hi = now_;
    if (h.window != ir::WindowKind::None) {
      const NV first = WindowBound(h.window_first, 0);
      llvm::BasicBlock* no_window = NewBlock("window.null");
      llvm::BasicBlock* has_first = NewBlock("window.first");
      b_.CreateCondBr(first.null, no_window, has_first);
      b_.SetInsertPoint(no_window);
      const bool counts = fn == ir::Fn::Exists || fn == ir::Fn::Count;
      Arrive(join, counts ? Scalar(I64(0)) : Null(result_type), done);
      b_.SetInsertPoint(has_first);
      switch (h.window) {
        case ir::WindowKind::Within:
          lo = b_.CreateSub(now_, first.scalar);
          lo_inclusive = I8(0);
          break;
        case ir::WindowKind::Since: lo = first.scalar; break;
        case ir::WindowKind::Between: {
          const NV second = WindowBound(h.window_second, 1);
          llvm::BasicBlock* no_second = NewBlock("window.null2");
          llvm::BasicBlock* has_second = NewBlock("window.second");
          b_.CreateCondBr(second.null, no_second, has_second);
          b_.SetInsertPoint(no_second);
          Arrive(join, Null(result_type), done);
          b_.SetInsertPoint(has_second);
          lo = first.scalar;
          llvm::Value* before_end = b_.CreateSub(second.scalar, I64(1));  // [T1, T2): whole seconds
          hi = b_.CreateSelect(b_.CreateICmpSLT(before_end, now_), before_end, now_);
          break;
        }
        case ir::WindowKind::None: break;
      }
    }
    llvm::Value* begin_slot = EntryAlloca(i64_);
    llvm::Value* end_slot = EntryAlloca(i64_);
    Call("kairos_rt_rows", b_.getVoidTy(), {table, lo, lo_inclusive, hi, begin_slot, end_slot});
    llvm::Value* begin = b_.CreateLoad(i64_, begin_slot);
    llvm::Value* end = b_.CreateLoad(i64_, end_slot);

    // Loop state lives in entry allocas; the optimiser turns them into registers.
    llvm::Value* row_slot = EntryAlloca(i64_);
    llvm::Value* count_slot = EntryAlloca(i64_);
    llvm::Value* sum_slot = EntryAlloca(i64_);
    llvm::Value* best_slot = EntryAlloca(i64_);
    llvm::Value* has_best_slot = EntryAlloca(i1_);
    llvm::Value* currency_slot = EntryAlloca(i32_);
    llvm::Value* first_row_slot = EntryAlloca(i64_);
    llvm::Value* last_row_slot = EntryAlloca(i64_);
    b_.CreateStore(begin, row_slot);
    b_.CreateStore(I64(0), count_slot);
    b_.CreateStore(I64(0), sum_slot);
    b_.CreateStore(I64(0), best_slot);
    b_.CreateStore(False(), has_best_slot);
    b_.CreateStore(I32(0), currency_slot);
    b_.CreateStore(I64(0), first_row_slot);
    b_.CreateStore(I64(0), last_row_slot);

    llvm::BasicBlock* head = NewBlock("rows.head");
    llvm::BasicBlock* body = NewBlock("rows.body");
    llvm::BasicBlock* next = NewBlock("rows.next");
    llvm::BasicBlock* after = NewBlock("rows.end");
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    llvm::Value* row = b_.CreateLoad(i64_, row_slot);
    b_.CreateCondBr(b_.CreateICmpSLT(row, end), body, after);

    b_.SetInsertPoint(body);
    if (h.where != ir::kNoNode) {
      rows_.emplace_back(table, row);
      llvm::Value* keep = Truthy(Eval(h.where), program_.node(h.where).type);
      rows_.pop_back();
      llvm::BasicBlock* kept = NewBlock("rows.kept");
      b_.CreateCondBr(keep, kept, next);
      b_.SetInsertPoint(kept);
    }
    if (fn == ir::Fn::Exists) {
      Arrive(join, Scalar(I64(1)), done);
    } else if (fn == ir::Fn::Sum || fn == ir::Fn::Avg || fn == ir::Fn::Min || fn == ir::Fn::Max) {
      Aggregate(node, table, row, count_slot, sum_slot, best_slot, has_best_slot, currency_slot);
      b_.CreateBr(next);
    } else {
      llvm::Value* count = b_.CreateLoad(i64_, count_slot);
      b_.CreateStore(b_.CreateSelect(b_.CreateICmpEQ(count, I64(0)), row, b_.CreateLoad(i64_, first_row_slot)),
                     first_row_slot);
      b_.CreateStore(row, last_row_slot);
      b_.CreateStore(b_.CreateAdd(count, I64(1)), count_slot);
      b_.CreateBr(next);
    }
    b_.SetInsertPoint(next);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, row_slot), I64(1)), row_slot);
    b_.CreateBr(head);

    b_.SetInsertPoint(after);
    llvm::Value* count = b_.CreateLoad(i64_, count_slot);
    llvm::Value* has_best = b_.CreateLoad(i1_, has_best_slot);
    const Type& result = node.type.NonOptional();
    auto of_result = [&](llvm::Value* v, llvm::Value* null) {
      if (!result.is(TypeKind::Money)) return Scalar(v, nullptr, null);
      llvm::Value* currency = b_.CreateLoad(i32_, currency_slot);
      llvm::Value* seen = b_.CreateAnd(b_.CreateICmpSGT(count, I64(0)), b_.CreateICmpNE(currency, I32(0)));
      return Scalar(v, b_.CreateSelect(seen, currency, I32(constants_.currency_ids[NodeIdOf(node)])), null);
    };
    switch (fn) {
      case ir::Fn::Exists: Arrive(join, Scalar(I64(0)), done); break;
      case ir::Fn::Count: Arrive(join, Scalar(count), done); break;
      case ir::Fn::Sum: Arrive(join, of_result(b_.CreateLoad(i64_, sum_slot), False()), done); break;
      case ir::Fn::Avg: {
        const Symbol* field = program_.events[h.event].fields[h.field];
        const bool int_field = field->type.NonOptional().is(TypeKind::Int);
        llvm::Value* sum = b_.CreateLoad(i64_, sum_slot);
        if (int_field) sum = b_.CreateMul(sum, I64(10000));
        Arrive(join, of_result(DivideRounded(sum, count), b_.CreateNot(has_best)), done);
        break;
      }
      case ir::Fn::Min:
      case ir::Fn::Max:
        Arrive(join, of_result(b_.CreateLoad(i64_, best_slot), b_.CreateNot(has_best)), done);
        break;
      case ir::Fn::First:
      case ir::Fn::Last: {
        llvm::BasicBlock* some = NewBlock("rows.some");
        llvm::BasicBlock* none = NewBlock("rows.none");
        b_.CreateCondBr(b_.CreateICmpEQ(count, I64(0)), none, some);
        b_.SetInsertPoint(none);
        Arrive(join, Null(result_type), done);
        b_.SetInsertPoint(some);
        llvm::Value* at = b_.CreateLoad(i64_, fn == ir::Fn::First ? first_row_slot : last_row_slot);
        if (member != nullptr) {
          Arrive(join, Cell(table, at, member->index, member->type), done);
        } else {
          Arrive(join, {False(), I64(0), I32(0), Call("kairos_rt_row_record", ptr_, {ctx_, table, at})}, done);
        }
        break;
      }
      default: Arrive(join, Null(result_type), done); break;
    }
    b_.SetInsertPoint(done);
    return Merge(join);
  }

  // One row of sum/avg/min/max: aggregates count only the rows that have the field.
  void Aggregate(const ir::Node& node, llvm::Value* table, llvm::Value* row, llvm::Value* count_slot,
                 llvm::Value* sum_slot, llvm::Value* best_slot, llvm::Value* has_best_slot,
                 llvm::Value* currency_slot) {
    const ir::HistoryCall& h = node.history;
    llvm::Value* columns = Load(table, offsetof(TableView, columns), ptr_);
    llvm::Value* column = Index(columns, I64(h.field), sizeof(ColumnView));
    llvm::Value* present =
        b_.CreateLoad(i8_, b_.CreateInBoundsGEP(i8_, Load(column, offsetof(ColumnView, present), ptr_), row));
    llvm::BasicBlock* add = NewBlock("aggregate");
    llvm::BasicBlock* skip = NewBlock("aggregate.end");
    b_.CreateCondBr(b_.CreateICmpNE(present, I8(0)), add, skip);
    b_.SetInsertPoint(add);
    llvm::Value* scalars = b_.CreateBitCast(Load(column, offsetof(ColumnView, scalars), ptr_), i64_->getPointerTo());
    llvm::Value* v = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, scalars, row));
    if (ColumnKindOf(program_.events[h.event].fields[h.field]->type) == ColumnKind::Money) {
      llvm::Value* currencies =
          b_.CreateBitCast(Load(column, offsetof(ColumnView, currencies), ptr_), i32_->getPointerTo());
      b_.CreateStore(b_.CreateLoad(i32_, b_.CreateInBoundsGEP(i32_, currencies, row)), currency_slot);
    }
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, count_slot), I64(1)), count_slot);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, sum_slot), v), sum_slot);
    llvm::Value* best = b_.CreateLoad(i64_, best_slot);
    llvm::Value* better = node.fn == ir::Fn::Min ? b_.CreateICmpSLT(v, best) : b_.CreateICmpSGT(v, best);
    llvm::Value* take = b_.CreateOr(b_.CreateNot(b_.CreateLoad(i1_, has_best_slot)), better);
    b_.CreateStore(b_.CreateSelect(take, v, best), best_slot);
    b_.CreateStore(True(), has_best_slot);
    b_.CreateBr(skip);
    b_.SetInsertPoint(skip);
  }

  // ---- list functions ------------------------------------------------------

  NV ListFn(const ir::Node& node) {
    const NV list = Eval(node.operands[0]);
    llvm::Value* size = Call("kairos_rt_list_size", i64_, {list.composite});
    if (node.operands.size() < 2) return Scalar(size);
    const Type& body_type = program_.node(node.operands[1]).type;
    llvm::Value* index_slot = EntryAlloca(i64_);
    llvm::Value* count_slot = EntryAlloca(i64_);
    llvm::Value* sum_slot = EntryAlloca(i64_);
    llvm::Value* currency_slot = EntryAlloca(i32_);
    b_.CreateStore(I64(0), index_slot);
    b_.CreateStore(I64(0), count_slot);
    b_.CreateStore(I64(0), sum_slot);
    b_.CreateStore(I32(0), currency_slot);
    llvm::BasicBlock* head = NewBlock("list.head");
    llvm::BasicBlock* body = NewBlock("list.body");
    llvm::BasicBlock* after = NewBlock("list.end");
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    llvm::Value* index = b_.CreateLoad(i64_, index_slot);
    b_.CreateCondBr(b_.CreateICmpSLT(index, size), body, after);
    b_.SetInsertPoint(body);
    elements_.push_back(Call("kairos_rt_list_element", ptr_, {list.composite, index}));
    const NV v = Eval(node.operands[1]);
    elements_.pop_back();
    if (node.fn == ir::Fn::Sum) {
      llvm::Value* sum = b_.CreateLoad(i64_, sum_slot);
      b_.CreateStore(b_.CreateSelect(v.null, sum, b_.CreateAdd(sum, v.scalar)), sum_slot);
      llvm::Value* currency = b_.CreateLoad(i32_, currency_slot);
      // A null carries no currency, whatever its parts hold.
      llvm::Value* has_currency = b_.CreateAnd(b_.CreateNot(v.null), b_.CreateICmpNE(v.currency, I32(0)));
      b_.CreateStore(b_.CreateSelect(has_currency, v.currency, currency), currency_slot);
    } else {
      llvm::Value* count = b_.CreateLoad(i64_, count_slot);
      b_.CreateStore(b_.CreateAdd(count, b_.CreateZExt(Truthy(v, body_type), i64_)), count_slot);
    }
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, index_slot), I64(1)), index_slot);
    b_.CreateBr(head);
    b_.SetInsertPoint(after);
    llvm::Value* count = b_.CreateLoad(i64_, count_slot);
    switch (node.fn) {
      case ir::Fn::Any: return Bool(b_.CreateICmpSGT(count, I64(0)));
      case ir::Fn::All: return Bool(b_.CreateICmpEQ(count, size));
      case ir::Fn::Count: return Scalar(count);
      default: {
        llvm::Value* sum = b_.CreateLoad(i64_, sum_slot);
        if (!node.type.NonOptional().is(TypeKind::Money)) return Scalar(sum);
        llvm::Value* currency = b_.CreateLoad(i32_, currency_slot);
        return Scalar(sum, b_.CreateSelect(b_.CreateICmpEQ(currency, I32(0)),
                                           I32(constants_.currency_ids[NodeIdOf(node)]), currency));
      }
    }
  }

  NodeId NodeIdOf(const ir::Node& node) const { return static_cast<NodeId>(&node - program_.nodes.data()); }

  llvm::Module& module_;
  llvm::LLVMContext& context_;
  llvm::IRBuilder<> b_;
  const ir::Program& program_;
  const NativeConstants& constants_;
  const std::unordered_map<const ir::Segment*, std::string>& symbols_;
  llvm::Type* i1_;
  llvm::Type* i8_;
  llvm::Type* i32_;
  llvm::Type* i64_;
  llvm::PointerType* ptr_;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::Value* contact_ = nullptr;
  llvm::Value* now_ = nullptr;
  llvm::Value* args_ = nullptr;
  llvm::Value* ctx_ = nullptr;
  std::vector<llvm::Value*> elements_;                          // enclosing list functions' elements
  std::vector<std::pair<llvm::Value*, llvm::Value*>> rows_;     // enclosing `where`s: table view, row
};

}  // namespace

void EmitFunctions(llvm::Module& module, const ir::Program& program, const NativeConstants& constants,
                   const std::vector<const ir::Segment*>& define,
                   const std::unordered_map<const ir::Segment*, std::string>& symbols) {
  for (const ir::Segment* fn : define) {
    FunctionEmitter emitter(module, program, constants, symbols);
    emitter.Emit(*fn);
  }
}

}  // namespace kairos::runtime
