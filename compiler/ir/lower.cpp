#include "compiler/ir/lower.h"

#include <unordered_map>


namespace kairos {
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

class Lowerer {
 public:
  Lowerer(const SemanticModel& model, ir::Program& program, DiagnosticSink& sink)
      : model_(model), program_(program), sink_(sink) {}

  // Lowers one segment's body; false (with a diagnostic) when it cannot be.
  bool LowerSegment(const Symbol& segment, ir::Segment& out) {
    segment_ = &segment;
    ok_ = true;
    const auto& decl = segment.decl->As<ast::SegmentDecl>();
    for (const Symbol* param : segment.members) out.params.push_back({param->name, param->type});
    out.body = decl.body ? Lower(*decl.body) : Add(Op::Const, Type::Bool());
    return ok_;
  }

 private:
  NodeId Add(Op op, Type type) {
    ir::Node node;
    node.op = op;
    node.type = std::move(type);
    program_.nodes.push_back(std::move(node));
    return static_cast<NodeId>(program_.nodes.size() - 1);
  }
  ir::Node& At(NodeId id) { return program_.nodes[id]; }

  Type TypeOf(const ast::Expr& expr) const {
    const Type* t = model_.TypeOf(expr);
    return t != nullptr ? *t : Type::Error();
  }

  NodeId Constant(Type type, int64_t value) {
    NodeId id = Add(Op::Const, std::move(type));
    At(id).value = value;
    return id;
  }

  uint32_t Intern(const std::string& text) {
    auto [it, inserted] = interned_.try_emplace(text, static_cast<uint32_t>(program_.strings.size()));
    if (inserted) program_.strings.push_back(text);
    return it->second;
  }

  NodeId Lower(const ast::Expr& expr) {
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
      case ast::ExprKind::IssueCoupon:
        sink_.Error(DiagnosticKind::EffectInSegment, expr.range,
                    "segment `" + segment_->name +
                        "` issues a coupon, but a segment only tests who a contact is; issue the "
                        "coupon in a journey or campaign instead.");
        ok_ = false;
        return Add(Op::Const, Type::Null());
    }
    return Add(Op::Const, Type::Null());
  }

  NodeId LowerLiteral(const ast::LiteralExpr& literal) {
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

  NodeId LowerName(const ast::Expr& expr) {
    const Symbol* symbol = model_.SymbolOf(expr);
    const Type type = TypeOf(expr);
    if (symbol == nullptr) return Constant(Type::Null(), 0);
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
  // event a `where` filters.
  NodeId LowerFieldName(const Symbol& field, const Type& type) {
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
    NodeId id = Add(Op::EventField, type);
    At(id).index = MemberIndex(*field.owner, field);
    return id;
  }

  NodeId LowerMember(const ast::MemberExpr& member) {
    const Symbol* symbol = model_.SymbolOf(member);
    const Type type = TypeOf(member);
    const ast::Expr& object = SkipParens(*member.object);
    const Symbol* object_symbol = object.kind == ast::ExprKind::Name ? model_.SymbolOf(object) : nullptr;
    const bool object_is_contact =
        object_symbol != nullptr && ((object_symbol->kind == SymbolKind::Implicit && object_symbol->name == "contact") ||
                                     IsEventContact(object_symbol));
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
    NodeId id = Add(Op::Property, type);
    At(id).operands = {base};
    At(id).name = member.member.name;
    At(id).safe = member.safe;
    return id;
  }

  static bool IsEventContact(const Symbol* symbol) {
    return symbol->kind == SymbolKind::Field && symbol->name == "contact" && symbol->owner != nullptr &&
           symbol->owner->kind == SymbolKind::Event;
  }

  NodeId LowerCall(const ast::CallExpr& call) {
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

  NodeId LowerHistory(const ast::CallExpr& call, const CallInfo& info, const Type& type) {
    const ast::CallArg& arg = call.args[0];
    ir::HistoryCall history;
    history.event = static_cast<uint32_t>(program_.EventIndex(info.event));
    if (info.field != nullptr) history.field = MemberIndex(*info.event, *info.field);
    if (arg.where) history.where = Lower(*arg.where);
    if (arg.window) {
      switch (arg.window->kind) {
        case ast::WindowKind::Within: history.window = ir::WindowKind::Within; break;
        case ast::WindowKind::Since: history.window = ir::WindowKind::Since; break;
        case ast::WindowKind::Between: history.window = ir::WindowKind::Between; break;
      }
      history.window_first = Lower(*arg.window->first);
      if (arg.window->second) history.window_second = Lower(*arg.window->second);
    }
    NodeId id = Add(Op::History, type);
    At(id).fn = FnOf(info.callee->intrinsic);
    At(id).history = history;
    return id;
  }

  NodeId LowerListCall(const ast::CallExpr& call, const CallInfo& info, const Type& type) {
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

 public:
  std::unordered_map<const Symbol*, uint32_t> segment_index_;

 private:
  const SemanticModel& model_;
  ir::Program& program_;
  DiagnosticSink& sink_;
  const Symbol* segment_ = nullptr;
  bool ok_ = true;
  std::vector<const Symbol*> elements_;  // records of enclosing list functions' elements
  std::unordered_map<std::string, uint32_t> interned_;
};

}  // namespace

ir::Program LowerPredicates(const Project& project, const SemanticModel& model, DiagnosticSink& sink) {
  (void)project;  // the model points into the project's AST; it must outlive this call
  ir::Program program;
  const Schema& schema = model.schema();
  program.contact = schema.contact;
  program.currency = schema.currency;
  program.timezone = schema.timezone;
  for (const Symbol* event : schema.events) {
    program.events.push_back({event->name, event, event->members});
  }
  Lowerer lowerer(model, program, sink);
  const auto& segments = model.Declarations(SymbolKind::Segment);
  for (size_t i = 0; i < segments.size(); ++i) {
    lowerer.segment_index_[segments[i]] = static_cast<uint32_t>(i);
    program.segments.push_back({segments[i]->name, segments[i], {}, ir::kNoNode});
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i]->decl == nullptr) continue;
    lowerer.LowerSegment(*segments[i], program.segments[i]);
  }
  return program;
}

}  // namespace kairos
