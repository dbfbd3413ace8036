#include "compiler/check/constant.h"

namespace kairos {
namespace {

// Folds literals of one kind under parentheses, unary signs, + and -.
std::optional<int64_t> Fold(const ast::Expr& expr, ast::LiteralKind kind) {
  switch (expr.kind) {
    case ast::ExprKind::Literal: {
      const auto& literal = expr.As<ast::LiteralExpr>();
      if (literal.literal != kind) return std::nullopt;
      return kind == ast::LiteralKind::Duration ? literal.seconds : literal.int_value;
    }
    case ast::ExprKind::Paren: {
      const auto& paren = expr.As<ast::ParenExpr>();
      return paren.inner ? Fold(*paren.inner, kind) : std::nullopt;
    }
    case ast::ExprKind::Unary: {
      const auto& unary = expr.As<ast::UnaryExpr>();
      if (!unary.operand || unary.op == ast::UnaryOp::Not) return std::nullopt;
      std::optional<int64_t> value = Fold(*unary.operand, kind);
      if (!value) return std::nullopt;
      return unary.op == ast::UnaryOp::Negate ? -*value : *value;
    }
    case ast::ExprKind::Binary: {
      const auto& binary = expr.As<ast::BinaryExpr>();
      if (binary.op != ast::BinaryOp::Add && binary.op != ast::BinaryOp::Sub) return std::nullopt;
      if (!binary.lhs || !binary.rhs) return std::nullopt;
      std::optional<int64_t> a = Fold(*binary.lhs, kind);
      std::optional<int64_t> b = Fold(*binary.rhs, kind);
      if (!a || !b) return std::nullopt;
      return binary.op == ast::BinaryOp::Add ? *a + *b : *a - *b;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<int64_t> ConstantSeconds(const ast::Expr& expr) {
  return Fold(expr, ast::LiteralKind::Duration);
}

std::optional<int64_t> ConstantInt(const ast::Expr& expr) { return Fold(expr, ast::LiteralKind::Int); }

}  // namespace kairos
