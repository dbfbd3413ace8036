#include "compiler/ir/expr_lowerer.h"

#include <algorithm>

namespace kairos::ir_internal {
namespace {

using ir::NodeId;
using ir::Op;

const ast::Expr& SkipParens(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::Paren && e->As<ast::ParenExpr>().inner) {
    e = e->As<ast::ParenExpr>().inner.get();
  }
  return *e;
}

uint32_t MemberIndex(const Symbol& owner, const Symbol& member) {
  for (size_t i = 0; i < owner.members.size(); ++i) {
    if (owner.members[i] == &member) return static_cast<uint32_t>(i);
  }
  return 0;
}

ir::Fn FnOf(Intrinsic intrinsic) {
  switch (intrinsic) {
    case Intrinsic::Exists: return ir::Fn::Exists;
    case Intrinsic::Count: return ir::Fn::Count;
    case Intrinsic::Sum: return ir::Fn::Sum;
    case Intrinsic::Avg: return ir::Fn::Avg;
    case Intrinsic::Min: return ir::Fn::Min;
    case Intrinsic::Max: return ir::Fn::Max;
    case Intrinsic::First: return ir::Fn::First;
    case Intrinsic::Last: return ir::Fn::Last;
    case Intrinsic::Any: return ir::Fn::Any;
    case Intrinsic::All: return ir::Fn::All;
    case Intrinsic::None: break;
  }
  return ir::Fn::None;
}

Op BinaryOpOf(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Or: return Op::Or;
    case ast::BinaryOp::And: return Op::And;
    case ast::BinaryOp::Coalesce: return Op::Coalesce;
    case ast::BinaryOp::Eq: return Op::Eq;
    case ast::BinaryOp::Ne: return Op::Ne;
    case ast::BinaryOp::Lt: return Op::Lt;
    case ast::BinaryOp::Le: return Op::Le;
    case ast::BinaryOp::Gt: return Op::Gt;
    case ast::BinaryOp::Ge: return Op::Ge;
    case ast::BinaryOp::In: return Op::In;
    case ast::BinaryOp::NotIn: return Op::NotIn;
    case ast::BinaryOp::Add: return Op::Add;
    case ast::BinaryOp::Sub: return Op::Sub;
    case ast::BinaryOp::Mul: return Op::Mul;
    case ast::BinaryOp::Div: return Op::Div;
  }
  return Op::Eq;
}

bool IsEventContact(const Symbol* symbol) {
  return symbol != nullptr && symbol->kind == SymbolKind::Field && symbol->name == "contact" &&
         symbol->owner != nullptr && symbol->owner->kind == SymbolKind::Event;
}

}  // namespace

bool ExprLowerer::LowerSegment(const Symbol& segment, ir::Segment& out) {
  segment_ = &segment;
  place_ = nullptr;
  ok_ = true;
  const auto& decl = segment.decl->As<ast::SegmentDecl>();
  for (const Symbol* param : segment.members) out.params.push_back({param->name, param->type});
  out.body = decl.body ? Lower(*decl.body) : Add(Op::Const, Type::Bool());
  segment_ = nullptr;
  return ok_;
}

NodeId ExprLowerer::LowerConstant(const ast::Expr& expr, const std::string& what) {
  segment_ = nullptr;
  place_ = nullptr;
  what_ = what;
  return Lower(expr);
}

void ExprLowerer::BeginFunction(const FunctionPlace* place) {
  segment_ = nullptr;
  place_ = place;
  what_ = place->what;
  param_slots_.clear();
  param_nodes_.clear();
}

ir::Call ExprLowerer::EndFunction(NodeId body) {
  // Params in slot order, whatever order the expression reads them in.
  std::vector<uint32_t> slots = param_slots_;
  std::sort(slots.begin(), slots.end());
  for (NodeId id : param_nodes_) {
    const uint32_t slot = param_slots_[At(id).index];
    At(id).index = static_cast<uint32_t>(std::find(slots.begin(), slots.end(), slot) - slots.begin());
  }
  ir::Segment function;
  function.name = place_->name;
  for (uint32_t slot : slots) {
    const ir::Slot& s = (*place_->graph->slots)[slot];
    function.params.push_back({s.name, s.type});
  }
  function.body = body;
  program_.functions.push_back(std::move(function));
  ir::Call call;
  call.function = static_cast<uint32_t>(program_.functions.size() - 1);
  call.args = std::move(slots);
  place_ = nullptr;
  return call;
}

ir::Call ExprLowerer::LowerFunction(const ast::Expr& expr, const FunctionPlace& place) {
  BeginFunction(&place);
  return EndFunction(Lower(expr));
}

ir::Call ExprLowerer::LowerEventCondition(const Symbol& event, const ast::Window* window,
                                          const FunctionPlace& place) {
  BeginFunction(&place);
  ir::HistoryCall history;
  history.event = static_cast<uint32_t>(program_.EventIndex(&event));
  if (window != nullptr) history = LowerWindow(history, *window);
  NodeId id = Add(Op::History, Type::Bool());
  At(id).fn = ir::Fn::Exists;
  At(id).history = history;
  return EndFunction(id);
}

NodeId ExprLowerer::Add(Op op, Type type) {
  ir::Node node;
  node.op = op;
  node.type = std::move(type);
  program_.nodes.push_back(std::move(node));
  return static_cast<NodeId>(program_.nodes.size() - 1);
}

NodeId ExprLowerer::Constant(Type type, int64_t value) {
  NodeId id = Add(Op::Const, std::move(type));
  At(id).value = value;
  return id;
}

Type ExprLowerer::TypeOf(const ast::Expr& expr) const {
  const Type* t = model_.TypeOf(expr);
  return t != nullptr ? *t : Type::Error();
}

uint32_t ExprLowerer::Intern(const std::string& text) {
  auto [it, inserted] = interned_.try_emplace(text, static_cast<uint32_t>(program_.strings.size()));
  if (inserted) program_.strings.push_back(text);
  return it->second;
}

NodeId ExprLowerer::SlotParam(uint32_t slot) {
  auto found = std::find(param_slots_.begin(), param_slots_.end(), slot);
  const auto param = static_cast<uint32_t>(found - param_slots_.begin());
  if (found == param_slots_.end()) param_slots_.push_back(slot);
  NodeId id = Add(Op::Param, (*place_->graph->slots)[slot].type);
  At(id).index = param;  // a first-use index until EndFunction
  param_nodes_.push_back(id);
  return id;
}

uint32_t ExprLowerer::SlotOf(const Symbol* symbol) const {
  if (place_ == nullptr || place_->graph == nullptr || symbol == nullptr) return ir::kNoIndex;
  const GraphScope& graph = *place_->graph;
  if (symbol->kind == SymbolKind::Implicit && symbol->name == "entered") {
    return graph.has_entered ? ir::kEnteredSlot : ir::kNoIndex;
  }
  auto it = graph.locals.find(symbol);
  return it == graph.locals.end() ? ir::kNoIndex : it->second;
}

NodeId ExprLowerer::Lower(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::Paren: return Lower(SkipParens(expr));
    case ast::ExprKind::Literal: return LowerLiteral(expr.As<ast::LiteralExpr>());
    case ast::ExprKind::Name: return LowerName(expr);
    case ast::ExprKind::Member: return LowerMember(expr.As<ast::MemberExpr>());
    case ast::ExprKind::Call: return LowerCall(expr.As<ast::CallExpr>());
    case ast::ExprKind::Unary: {
      const auto& unary = expr.As<ast::UnaryExpr>();
      NodeId operand = Lower(*unary.operand);
      if (unary.op == ast::UnaryOp::Plus) return operand;
      NodeId id = Add(unary.op == ast::UnaryOp::Not ? Op::Not : Op::Neg, TypeOf(expr));
      At(id).operands = {operand};
      return id;
    }
    case ast::ExprKind::Binary: {
      const auto& binary = expr.As<ast::BinaryExpr>();
      NodeId lhs = Lower(*binary.lhs);
      NodeId rhs = Lower(*binary.rhs);
      NodeId id = Add(BinaryOpOf(binary.op), TypeOf(expr));
      At(id).operands = {lhs, rhs};
      return id;
    }
    case ast::ExprKind::List: {
      std::vector<NodeId> elements;
      for (const auto& element : expr.As<ast::ListExpr>().elements) elements.push_back(Lower(*element));
      NodeId id = Add(Op::ListLiteral, TypeOf(expr));
      At(id).operands = std::move(elements);
      return id;
    }
    case ast::ExprKind::Record: {
      std::vector<NodeId> values;
      std::vector<std::string> names;
      for (const auto& field : expr.As<ast::RecordExpr>().fields) {
        names.push_back(field.name.name);
        values.push_back(Lower(*field.value));
      }
      NodeId id = Add(Op::RecordLiteral, TypeOf(expr));
      At(id).operands = std::move(values);
      At(id).names = std::move(names);
      return id;
    }
    case ast::ExprKind::IssueCoupon: return LowerIssue(expr);
  }
  return Add(Op::Const, Type::Null());
}

// A coupon issued inside an expression was hoisted into a step of its own
// that fills a slot; anywhere else issuing is an effect where only a test or
// a constant belongs.
NodeId ExprLowerer::LowerIssue(const ast::Expr& expr) {
  if (place_ != nullptr && place_->graph != nullptr) {
    auto it = place_->graph->issued.find(&expr);
    if (it != place_->graph->issued.end()) return SlotParam(it->second);
  }
  if (segment_ != nullptr) {
    sink_.Error(DiagnosticKind::EffectInSegment, expr.range,
                "segment `" + segment_->name +
                    "` issues a coupon, but a segment only tests who a contact is; issue the "
                    "coupon in a journey or campaign instead.");
  } else {
    sink_.Error(DiagnosticKind::EffectInCondition, expr.range,
                what_ + " issues a coupon, but it is evaluated to decide, not to act; issue the coupon "
                        "in a step (`let c = issue coupon ...`) and use `c` here.");
  }
  ok_ = false;
  return Add(Op::Const, Type::Null());
}

NodeId ExprLowerer::LowerLiteral(const ast::LiteralExpr& literal) {
  switch (literal.literal) {
    case ast::LiteralKind::Int: return Constant(Type::Int(), literal.int_value);
    case ast::LiteralKind::Decimal: return Constant(Type::Decimal(), literal.scaled_value);
    case ast::LiteralKind::Percent: return Constant(Type::Percent(), literal.scaled_value);
    case ast::LiteralKind::Money: return Constant(Type::Money(literal.currency), literal.scaled_value);
    case ast::LiteralKind::Duration: return Constant(Type::Duration(), literal.seconds);
    case ast::LiteralKind::Time: return Constant(Type::Time(), literal.seconds);
    case ast::LiteralKind::Timestamp: return Constant(Type::Timestamp(), literal.seconds);
    case ast::LiteralKind::Date:
      return Constant(Type::Date(), ir::DaysFromCivil(literal.year, literal.month, literal.day));
    case ast::LiteralKind::DateTime: {
      NodeId id = Add(Op::LocalDateTime, Type::Timestamp());
      At(id).value = ir::DaysFromCivil(literal.year, literal.month, literal.day) * 86400 + literal.seconds;
      return id;
    }
    case ast::LiteralKind::String: return Constant(Type::String(), Intern(literal.string_value));
    case ast::LiteralKind::Bool: return Constant(Type::Bool(), literal.bool_value ? 1 : 0);
    case ast::LiteralKind::Null: return Constant(Type::Null(), 0);
  }
  return Constant(Type::Null(), 0);
}

NodeId ExprLowerer::LowerName(const ast::Expr& expr) {
  const Symbol* symbol = model_.SymbolOf(expr);
  const Type type = TypeOf(expr);
  if (symbol == nullptr) return Constant(Type::Null(), 0);
  if (uint32_t slot = SlotOf(symbol); slot != ir::kNoIndex) return SlotParam(slot);
  switch (symbol->kind) {
    case SymbolKind::Implicit:
      if (symbol->name == "now") return Add(Op::Now, type);
      if (symbol->name == "today") return Add(Op::Today, type);
      if (symbol->name == "anonymous") return Add(Op::Anonymous, type);
      if (symbol->name == "identified") return Add(Op::Identified, type);
      return Add(Op::Contact, type);
    case SymbolKind::Field: return LowerFieldName(*symbol, type);
    case SymbolKind::EnumValue: return Constant(type, MemberIndex(*symbol->owner, *symbol));
    case SymbolKind::Segment: {
      NodeId id = Add(Op::Segment, Type::Bool());
      At(id).index = segment_index_.at(symbol);
      return id;
    }
    case SymbolKind::Parameter: {
      NodeId id = Add(Op::Param, type);
      At(id).index = MemberIndex(*segment_, *symbol);
      return id;
    }
    case SymbolKind::Local: {
      NodeId id = Add(Op::Element, type);
      At(id).index = 0;  // `it` is always the innermost list function's element
      return id;
    }
    default: return Constant(Type::Null(), 0);
  }
}

// A bare field name: of the innermost list element that has it, else of the
// event a `where` filters: a history function's, or the candidate of a
// trigger's or `wait until`'s `where` when no history `where` of that event
// is nearer.
NodeId ExprLowerer::LowerFieldName(const Symbol& field, const Type& type) {
  // An event's `contact` is the contact whose history is being read.
  if (IsEventContact(&field)) return Add(Op::Contact, type);
  for (size_t depth = 0; depth < elements_.size(); ++depth) {
    const Symbol* record = elements_[elements_.size() - 1 - depth];
    if (record != field.owner) continue;
    NodeId element = Add(Op::Element, Type::Record(record));
    At(element).index = static_cast<uint32_t>(depth);
    NodeId id = Add(Op::Member, type);
    At(id).operands = {element};
    At(id).index = MemberIndex(*record, field);
    return id;
  }
  const bool in_history_of_owner = !history_events_.empty() && history_events_.back() == field.owner;
  if (!in_history_of_owner && place_ != nullptr && place_->candidate == field.owner) {
    NodeId event = SlotParam(place_->candidate_slot);
    NodeId id = Add(Op::Member, type);
    At(id).operands = {event};
    At(id).index = MemberIndex(*field.owner, field);
    return id;
  }
  NodeId id = Add(Op::EventField, type);
  At(id).index = MemberIndex(*field.owner, field);
  // In nested `where`s, the field belongs to the nearest enclosing event that has it.
  for (size_t depth = 0; depth < history_events_.size(); ++depth) {
    if (history_events_[history_events_.size() - 1 - depth] != field.owner) continue;
    At(id).value = static_cast<int64_t>(depth);
    break;
  }
  return id;
}

NodeId ExprLowerer::LowerMember(const ast::MemberExpr& member) {
  const Symbol* symbol = model_.SymbolOf(member);
  const Type type = TypeOf(member);
  const ast::Expr& object = SkipParens(*member.object);
  const Symbol* object_symbol = object.kind == ast::ExprKind::Name ? model_.SymbolOf(object) : nullptr;
  // The `contact` of a journey's event (`cart.contact`) is the journey's contact.
  const bool of_slot_event = object_symbol != nullptr && SlotOf(object_symbol) != ir::kNoIndex;
  if (IsEventContact(symbol) && of_slot_event && !member.safe) return Add(Op::Contact, type);
  bool object_is_contact =
      object_symbol != nullptr && ((object_symbol->kind == SymbolKind::Implicit && object_symbol->name == "contact") ||
                                   IsEventContact(object_symbol));
  if (object.kind == ast::ExprKind::Member && IsEventContact(model_.SymbolOf(object))) {
    const auto& inner = object.As<ast::MemberExpr>();
    const ast::Expr& root = SkipParens(*inner.object);
    object_is_contact = !inner.safe && root.kind == ast::ExprKind::Name &&
                        SlotOf(model_.SymbolOf(root)) != ir::kNoIndex;
  }
  if (symbol != nullptr && symbol->kind == SymbolKind::Field && object_is_contact) {
    NodeId id = Add(Op::ContactField, type);
    At(id).index = MemberIndex(*symbol->owner, *symbol);
    return id;
  }
  NodeId base = Lower(object);
  if (symbol != nullptr && symbol->kind == SymbolKind::Field) {
    NodeId id = Add(Op::Member, type);
    At(id).operands = {base};
    At(id).index = MemberIndex(*symbol->owner, *symbol);
    At(id).safe = member.safe;
    return id;
  }
  // An issued coupon is a record: `.code`, `.expires_at`.
  if (program_.node(base).type.NonOptional().is(TypeKind::Coupon)) {
    NodeId id = Add(Op::Member, type);
    At(id).operands = {base};
    At(id).index = member.member.name == "code" ? ir::kCouponCode : ir::kCouponExpiresAt;
    At(id).safe = member.safe;
    return id;
  }
  NodeId id = Add(Op::Property, type);
  At(id).operands = {base};
  At(id).name = member.member.name;
  At(id).safe = member.safe;
  return id;
}

NodeId ExprLowerer::LowerCall(const ast::CallExpr& call) {
  const CallInfo* info = model_.CallOf(call);
  const Type type = TypeOf(call);
  if (info == nullptr) return Constant(Type::Null(), 0);
  switch (info->kind) {
    case CallKind::History: return LowerHistory(call, *info, type);
    case CallKind::List: return LowerListCall(call, *info, type);
    case CallKind::Segment:
    case CallKind::Builtin: {
      std::vector<NodeId> args;
      for (const ast::CallArg& arg : call.args) args.push_back(Lower(*arg.value));
      const bool segment = info->kind == CallKind::Segment;
      NodeId id = Add(segment ? Op::Segment : Op::Builtin, type);
      At(id).operands = std::move(args);
      if (segment) {
        At(id).index = segment_index_.at(info->callee);
      } else {
        At(id).name = info->callee->name;
      }
      return id;
    }
  }
  return Constant(Type::Null(), 0);
}

ir::HistoryCall ExprLowerer::LowerWindow(ir::HistoryCall history, const ast::Window& window) {
  switch (window.kind) {
    case ast::WindowKind::Within: history.window = ir::WindowKind::Within; break;
    case ast::WindowKind::Since: history.window = ir::WindowKind::Since; break;
    case ast::WindowKind::Between: history.window = ir::WindowKind::Between; break;
  }
  history.window_first = Lower(*window.first);
  if (window.second) history.window_second = Lower(*window.second);
  return history;
}

NodeId ExprLowerer::LowerHistory(const ast::CallExpr& call, const CallInfo& info, const Type& type) {
  const ast::CallArg& arg = call.args[0];
  ir::HistoryCall history;
  history.event = static_cast<uint32_t>(program_.EventIndex(info.event));
  if (info.field != nullptr) history.field = MemberIndex(*info.event, *info.field);
  if (arg.where) {
    history_events_.push_back(info.event);
    history.where = Lower(*arg.where);
    history_events_.pop_back();
  }
  if (arg.window) history = LowerWindow(history, *arg.window);
  NodeId id = Add(Op::History, type);
  At(id).fn = FnOf(info.callee->intrinsic);
  At(id).history = history;
  return id;
}

NodeId ExprLowerer::LowerListCall(const ast::CallExpr& call, const CallInfo& info, const Type& type) {
  NodeId list = Lower(*call.args[0].value);
  std::vector<NodeId> operands = {list};
  if (call.args.size() > 1) {
    const Type& element = program_.node(list).type.element().NonOptional();
    elements_.push_back(element.is(TypeKind::Record) ? element.symbol() : nullptr);
    operands.push_back(Lower(*call.args[1].value));
    elements_.pop_back();
  }
  NodeId id = Add(Op::ListFn, type);
  At(id).fn = FnOf(info.callee->intrinsic);
  At(id).operands = std::move(operands);
  return id;
}

}  // namespace kairos::ir_internal
