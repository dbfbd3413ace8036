// The AST builder: expressions.
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

namespace {

ast::BinaryOp BinaryOpOf(size_t token_type) {
  switch (token_type) {
    case JP::OR: return ast::BinaryOp::Or;
    case JP::AND: return ast::BinaryOp::And;
    case JP::COALESCE: return ast::BinaryOp::Coalesce;
    case JP::PLUS: return ast::BinaryOp::Add;
    case JP::MINUS: return ast::BinaryOp::Sub;
    case JP::STAR: return ast::BinaryOp::Mul;
    default: return ast::BinaryOp::Div;
  }
}

// Folds `operand (op operand)*` to the left, walking the children once so a
// chain of 100,000 terms costs linear time and no recursion.
template <typename Operand, typename BuildOperand, typename TokenRange>
ast::ExprPtr FoldLeft(antlr4::ParserRuleContext* context, BuildOperand build, TokenRange token_range) {
  ast::ExprPtr result;
  ast::BinaryOp op = ast::BinaryOp::Or;
  SourceRange op_range;
  for (antlr4::tree::ParseTree* child : context->children) {
    if (auto* operand = dynamic_cast<Operand*>(child)) {
      ast::ExprPtr value = build(operand);
      if (!result) {
        result = std::move(value);
        continue;
      }
      SourceRange range = SourceRange::Join(result->range, value->range);
      result = std::make_unique<ast::BinaryExpr>(op, std::move(result), std::move(value), op_range, range);
    } else if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      op = BinaryOpOf(terminal->getSymbol()->getType());
      op_range = token_range(terminal);
    }
  }
  return result;
}

}  // namespace

ast::ExprPtr AstBuilder::Expr(JP::ExprContext* context) { return Or(context->orExpr()); }

ast::ExprPtr AstBuilder::Or(JP::OrExprContext* context) {
  return FoldLeft<JP::AndExprContext>(
      context, [this](JP::AndExprContext* c) { return And(c); },
      [this](antlr4::tree::TerminalNode* t) { return Range(t); });
}

ast::ExprPtr AstBuilder::And(JP::AndExprContext* context) {
  return FoldLeft<JP::NotExprContext>(
      context, [this](JP::NotExprContext* c) { return Not(c); },
      [this](antlr4::tree::TerminalNode* t) { return Range(t); });
}

ast::ExprPtr AstBuilder::Not(JP::NotExprContext* context) {
  if (auto* operand = context->notExpr()) {
    return std::make_unique<ast::UnaryExpr>(ast::UnaryOp::Not, Not(operand), Range(context));
  }
  return Coalesce(context->coalesce());
}

ast::ExprPtr AstBuilder::Coalesce(JP::CoalesceContext* context) {
  return FoldLeft<JP::ComparisonContext>(
      context, [this](JP::ComparisonContext* c) { return Comparison(c); },
      [this](antlr4::tree::TerminalNode* t) { return Range(t); });
}

ast::ExprPtr AstBuilder::Comparison(JP::ComparisonContext* context) {
  ast::ExprPtr lhs = Additive(context->additive(0));
  JP::CompareOpContext* op_context = context->compareOp();
  if (op_context == nullptr) return lhs;
  ast::BinaryOp op;
  if (op_context->EQ()) {
    op = ast::BinaryOp::Eq;
  } else if (op_context->NE()) {
    op = ast::BinaryOp::Ne;
  } else if (op_context->LT()) {
    op = ast::BinaryOp::Lt;
  } else if (op_context->LE()) {
    op = ast::BinaryOp::Le;
  } else if (op_context->GT()) {
    op = ast::BinaryOp::Gt;
  } else if (op_context->GE()) {
    op = ast::BinaryOp::Ge;
  } else if (op_context->NOT()) {
    op = ast::BinaryOp::NotIn;
  } else {
    op = ast::BinaryOp::In;
  }
  ast::ExprPtr rhs = Additive(context->additive(1));
  SourceRange range = SourceRange::Join(lhs->range, rhs->range);
  return std::make_unique<ast::BinaryExpr>(op, std::move(lhs), std::move(rhs), Range(op_context), range);
}

ast::ExprPtr AstBuilder::Additive(JP::AdditiveContext* context) {
  return FoldLeft<JP::MultiplicativeContext>(
      context, [this](JP::MultiplicativeContext* c) { return Multiplicative(c); },
      [this](antlr4::tree::TerminalNode* t) { return Range(t); });
}

ast::ExprPtr AstBuilder::Multiplicative(JP::MultiplicativeContext* context) {
  return FoldLeft<JP::UnaryContext>(
      context, [this](JP::UnaryContext* c) { return Unary(c); },
      [this](antlr4::tree::TerminalNode* t) { return Range(t); });
}

ast::ExprPtr AstBuilder::Unary(JP::UnaryContext* context) {
  if (auto* operand = context->unary()) {
    ast::UnaryOp op = context->MINUS() ? ast::UnaryOp::Negate : ast::UnaryOp::Plus;
    return std::make_unique<ast::UnaryExpr>(op, Unary(operand), Range(context));
  }
  return Postfix(context->postfix());
}

ast::ExprPtr AstBuilder::Postfix(JP::PostfixContext* context) {
  ast::ExprPtr result = Primary(context->primary());
  for (antlr4::tree::ParseTree* child : context->children) {
    if (auto* member = dynamic_cast<JP::MemberOpContext*>(child)) {
      ast::Ident name = Ident(member->ident());
      SourceRange range = SourceRange::Join(result->range, name.range);
      result = std::make_unique<ast::MemberExpr>(std::move(result), std::move(name), false, range);
    } else if (auto* safe = dynamic_cast<JP::SafeMemberOpContext*>(child)) {
      ast::Ident name = Ident(safe->ident());
      SourceRange range = SourceRange::Join(result->range, name.range);
      result = std::make_unique<ast::MemberExpr>(std::move(result), std::move(name), true, range);
    } else if (auto* call = dynamic_cast<JP::CallOpContext*>(child)) {
      std::vector<ast::CallArg> args;
      for (JP::CallArgContext* arg : call->callArg()) args.push_back(CallArg(arg));
      SourceRange range = SourceRange::Join(result->range, Range(call->RPAREN()));
      result = std::make_unique<ast::CallExpr>(std::move(result), std::move(args), range);
    }
  }
  return result;
}

ast::ExprPtr AstBuilder::Primary(JP::PrimaryContext* context) {
  SourceRange range = Range(context);
  if (auto* literal = dynamic_cast<JP::LiteralExprContext*>(context)) {
    return Literal(literal->literal());
  }
  if (dynamic_cast<JP::NameExprContext*>(context)) {
    return std::make_unique<ast::NameExpr>(std::string(Text(range)), range);
  }
  if (auto* paren = dynamic_cast<JP::ParenExprContext*>(context)) {
    return std::make_unique<ast::ParenExpr>(Expr(paren->expr()), range);
  }
  if (auto* list = dynamic_cast<JP::ListExprContext*>(context)) {
    std::vector<ast::ExprPtr> elements;
    for (JP::ExprContext* element : list->expr()) elements.push_back(Expr(element));
    return std::make_unique<ast::ListExpr>(std::move(elements), range);
  }
  if (auto* record = dynamic_cast<JP::RecordExprContext*>(context)) {
    return Record(record->recordLiteral());
  }
  auto* issue = static_cast<JP::IssueCouponExprContext*>(context);
  return std::make_unique<ast::IssueCouponExpr>(Ident(issue->ident()), range);
}

ast::CallArg AstBuilder::CallArg(JP::CallArgContext* context) {
  ast::CallArg arg;
  arg.range = Range(context);
  arg.value = Expr(context->expr(0));
  if (context->WHERE()) arg.where = Expr(context->expr(1));
  if (auto* window = context->window()) arg.window = Window(window);
  return arg;
}

ast::Window AstBuilder::Window(JP::WindowContext* context) {
  ast::Window window;
  window.range = Range(context);
  if (auto* within = dynamic_cast<JP::WithinWindowContext*>(context)) {
    window.kind = ast::WindowKind::Within;
    window.first = Additive(within->additive());
  } else if (auto* since = dynamic_cast<JP::SinceWindowContext*>(context)) {
    window.kind = ast::WindowKind::Since;
    window.first = Additive(since->additive());
  } else {
    auto* between = static_cast<JP::BetweenWindowContext*>(context);
    window.kind = ast::WindowKind::Between;
    window.first = Additive(between->additive(0));
    window.second = Additive(between->additive(1));
  }
  return window;
}

std::unique_ptr<ast::RecordExpr> AstBuilder::Record(JP::RecordLiteralContext* context) {
  std::vector<ast::RecordField> fields;
  for (JP::RecordFieldContext* field : context->recordField()) {
    fields.push_back({Ident(field->ident()), Expr(field->expr())});
  }
  return std::make_unique<ast::RecordExpr>(std::move(fields), Range(context));
}

}  // namespace kairos::syntax_internal
