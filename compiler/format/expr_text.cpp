#include "compiler/format/expr_text.h"

#include <algorithm>
#include <string_view>

namespace kairos::format_internal {
namespace {

// Durations (`1d 12h`), date-times and money may span several tokens; what
// lies between them becomes one space. A comment there is not part of the
// literal (the file's comment list has it). Strings stay byte for byte.
std::string LiteralText(const ast::LiteralExpr& literal) {
  if (literal.literal == ast::LiteralKind::String) return literal.text;
  std::string_view source = literal.text;
  std::string text;
  bool pending_space = false;
  size_t i = 0;
  while (i < source.size()) {
    size_t gap_end = i;
    if (source.compare(i, 2, "//") == 0) {
      gap_end = std::min(source.find('\n', i), source.size());
    } else if (source.compare(i, 2, "/*") == 0) {
      gap_end = std::min(source.find("*/", i + 2), source.size() - 2) + 2;
    } else if (source[i] == ' ' || source[i] == '\t' || source[i] == '\r' || source[i] == '\n') {
      gap_end = i + 1;
    }
    if (gap_end > i) {
      pending_space = !text.empty();
      i = gap_end;
      continue;
    }
    if (pending_space) text += ' ';
    pending_space = false;
    text += source[i++];
  }
  return text;
}

std::string ArgText(const ast::CallArg& arg) {
  std::string text = ExprText(*arg.value);
  if (arg.where) text += " where " + ExprText(*arg.where);
  if (arg.window) text += " " + WindowText(*arg.window);
  return text;
}

template <typename T, typename ToText>
std::string Join(const std::vector<T>& items, ToText to_text) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += ", ";
    text += to_text(items[i]);
  }
  return text;
}

// Expressions whose text does not start with another expression's.
std::string LeafText(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::Literal:
      return LiteralText(expr.As<ast::LiteralExpr>());
    case ast::ExprKind::Name:
      return expr.As<ast::NameExpr>().name;
    case ast::ExprKind::Unary: {
      const auto& unary = expr.As<ast::UnaryExpr>();
      std::string_view op = unary.op == ast::UnaryOp::Not      ? "not "
                            : unary.op == ast::UnaryOp::Negate ? "-"
                                                               : "+";
      return std::string(op) + ExprText(*unary.operand);
    }
    case ast::ExprKind::Paren:
      return "(" + ExprText(*expr.As<ast::ParenExpr>().inner) + ")";
    case ast::ExprKind::List:
      return "[" +
             Join(expr.As<ast::ListExpr>().elements,
                  [](const ast::ExprPtr& element) { return ExprText(*element); }) +
             "]";
    case ast::ExprKind::Record: {
      const auto& record = expr.As<ast::RecordExpr>();
      if (record.fields.empty()) return "{}";
      return "{ " +
             Join(record.fields,
                  [](const ast::RecordField& field) {
                    return field.name.name + ": " + ExprText(*field.value);
                  }) +
             " }";
    }
    case ast::ExprKind::IssueCoupon:
      return "issue coupon " + expr.As<ast::IssueCouponExpr>().pool.name;
    case ast::ExprKind::Member:
    case ast::ExprKind::Call:
    case ast::ExprKind::Binary:
      break;  // links of a chain: ExprText writes them
  }
  return {};
}

// The expression printed first inside `expr`, for the chains that start with
// one (`a + b`, `a.b`, `f(x)`); null for the others.
const ast::Expr* LeftChild(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::Binary:
      return expr.As<ast::BinaryExpr>().lhs.get();
    case ast::ExprKind::Member:
      return expr.As<ast::MemberExpr>().object.get();
    case ast::ExprKind::Call:
      return expr.As<ast::CallExpr>().callee.get();
    default:
      return nullptr;
  }
}

}  // namespace

// Long left-leaning chains (`a + b + c ...`, `a.b.c ...`) are walked in a loop,
// not by recursion, so their length cannot exhaust the stack.
std::string ExprText(const ast::Expr& expr) {
  std::vector<const ast::Expr*> spine;
  const ast::Expr* leftmost = &expr;
  while (const ast::Expr* child = LeftChild(*leftmost)) {
    spine.push_back(leftmost);
    leftmost = child;
  }
  std::string text = LeafText(*leftmost);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const ast::Expr& link = **it;
    switch (link.kind) {
      case ast::ExprKind::Binary: {
        const auto& binary = link.As<ast::BinaryExpr>();
        text += " ";
        text += ast::Spelling(binary.op);
        text += " " + ExprText(*binary.rhs);
        break;
      }
      case ast::ExprKind::Member: {
        const auto& member = link.As<ast::MemberExpr>();
        text += (member.safe ? "?." : ".") + member.member.name;
        break;
      }
      default: {
        const auto& call = link.As<ast::CallExpr>();
        text += "(" + Join(call.args, ArgText) + ")";
        break;
      }
    }
  }
  return text;
}

std::string WindowText(const ast::Window& window) {
  switch (window.kind) {
    case ast::WindowKind::Within:
      return "within " + ExprText(*window.first);
    case ast::WindowKind::Since:
      return "since " + ExprText(*window.first);
    case ast::WindowKind::Between:
      return "between " + ExprText(*window.first) + " and " + ExprText(*window.second);
  }
  return {};
}

std::string TypeText(const ast::TypeExpr& type) {
  std::string text;
  switch (type.kind) {
    case ast::TypeExprKind::Named:
      text = type.name.name;
      break;
    case ast::TypeExprKind::Generic:
      text = type.name.name + "<" + TypeText(*type.element) + ">";
      break;
    case ast::TypeExprKind::Enum:
      text = "enum { " +
             Join(type.enum_members, [](const ast::Ident& member) { return member.name; }) + " }";
      break;
    case ast::TypeExprKind::Record:
      text = type.fields.empty() ? "{}" : "{ " + Join(type.fields, FieldText) + " }";
      break;
  }
  if (type.optional) text += "?";
  return text;
}

std::string FieldText(const ast::FieldDecl& field) {
  std::string text = field.name.name + ": " + TypeText(*field.type);
  if (field.is_key) text += " key";
  if (field.default_value) text += " = " + ExprText(*field.default_value);
  return text;
}

std::string ParamsText(const std::vector<ast::Param>& params) {
  return "(" +
         Join(params,
              [](const ast::Param& param) {
                return param.name.name + ": " + TypeText(*param.type);
              }) +
         ")";
}

}  // namespace kairos::format_internal
