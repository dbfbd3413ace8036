#include "compiler/syntax/ast.h"

namespace kairos::ast {

std::string_view Spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Coalesce: return "??";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
  }
  return "?";
}

namespace {

// Long chains (`a + b + ...`, `a.b.c...`, `f()()...`) grow through these
// links. Each dying node hands its links to a worklist first, so a chain of any
// length is freed in a loop instead of one nested destructor call per link.
bool IsChainLink(const ExprPtr& expr) {
  return expr && (expr->kind == ExprKind::Binary || expr->kind == ExprKind::Member ||
                  expr->kind == ExprKind::Call);
}

void TakeLinks(Expr& expr, std::vector<ExprPtr>& pending) {
  auto take = [&pending](ExprPtr& link) {
    if (IsChainLink(link)) pending.push_back(std::move(link));
  };
  switch (expr.kind) {
    case ExprKind::Binary: {
      auto& binary = static_cast<BinaryExpr&>(expr);
      take(binary.lhs);
      take(binary.rhs);
      break;
    }
    case ExprKind::Member:
      take(static_cast<MemberExpr&>(expr).object);
      break;
    case ExprKind::Call:
      take(static_cast<CallExpr&>(expr).callee);
      break;
    default:
      break;
  }
}

void DestroyChain(Expr& root) {
  std::vector<ExprPtr> pending;
  TakeLinks(root, pending);
  while (!pending.empty()) {
    ExprPtr node = std::move(pending.back());
    pending.pop_back();
    TakeLinks(*node, pending);
    // `node` is destroyed here, with no chain links left under it.
  }
}

}  // namespace

BinaryExpr::~BinaryExpr() {
  if (IsChainLink(lhs) || IsChainLink(rhs)) DestroyChain(*this);
}

MemberExpr::~MemberExpr() {
  if (IsChainLink(object)) DestroyChain(*this);
}

CallExpr::~CallExpr() {
  if (IsChainLink(callee)) DestroyChain(*this);
}

}  // namespace kairos::ast
