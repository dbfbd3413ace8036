#include "compiler/format/format.h"

#include <algorithm>

#include "compiler/base/utf8.h"
#include "compiler/format/expr_text.h"
#include "compiler/format/formatter.h"

namespace kairos {

std::string Format(const ast::File& file) { return format_internal::Formatter(file).Run(); }

namespace format_internal {
namespace {

// The operands of a top-level `and` or `or` chain, left to right; the
// expression alone when it is neither.
std::vector<const ast::Expr*> ChainOperands(const ast::Expr& expr) {
  if (expr.kind != ast::ExprKind::Binary) return {&expr};
  ast::BinaryOp op = expr.As<ast::BinaryExpr>().op;
  if (op != ast::BinaryOp::And && op != ast::BinaryOp::Or) return {&expr};
  std::vector<const ast::Expr*> operands;
  std::vector<const ast::Expr*> pending = {&expr};
  while (!pending.empty()) {
    const ast::Expr* node = pending.back();
    pending.pop_back();
    if (node->kind == ast::ExprKind::Binary && node->As<ast::BinaryExpr>().op == op) {
      const auto& binary = node->As<ast::BinaryExpr>();
      pending.push_back(binary.rhs.get());
      pending.push_back(binary.lhs.get());
    } else {
      operands.push_back(node);
    }
  }
  return operands;
}

}  // namespace

Formatter::Formatter(const ast::File& file)
    : file_(file),
      source_(file.source ? std::string_view(file.source->text()) : std::string_view()),
      writer_(file) {}

// A one-line segment: consecutive ones written together stay a group (an
// RFM block reads better without blank lines); everything else is separated.
bool Formatter::IsOneLineSegment(const ast::Decl& decl) const {
  if (decl.kind != ast::DeclKind::Segment) return false;
  std::string_view text = source_.substr(decl.range.begin, decl.range.end - decl.range.begin);
  return text.find('\n') == std::string_view::npos && text.size() <= static_cast<size_t>(kMaxWidth);
}

std::string Formatter::Run() {
  for (size_t i = 0; i < file_.decls.size(); ++i) {
    if (i > 0 && !(IsOneLineSegment(*file_.decls[i - 1]) && IsOneLineSegment(*file_.decls[i]))) {
      writer_.RequestBlank();
    }
    Decl(*file_.decls[i]);
  }
  return writer_.Finish();
}

void Formatter::ItemLine(int indent, const std::string& text, SourceRange range) {
  writer_.Line(LineKind::Item, indent, text, range.begin, range.end);
}

bool Formatter::OpenBlock(int indent, const std::string& head, uint32_t begin, uint32_t lbrace,
                          uint32_t rbrace, bool empty) {
  if (empty && !writer_.HasCommentIn(lbrace, rbrace)) {
    writer_.Line(LineKind::Item, indent, head + " {}", begin, rbrace + 1);
    return false;
  }
  writer_.Line(LineKind::Header, indent, head + " {", begin, lbrace + 1);
  writer_.EnterBlock();
  return true;
}

void Formatter::CloseBlock(int indent, uint32_t rbrace) {
  writer_.Comments(rbrace, indent + kIndent);
  writer_.Line(LineKind::Closing, indent, "}", rbrace, rbrace + 1);
}

bool Formatter::CommentBetween(const std::vector<const ast::Expr*>& operands) const {
  for (size_t i = 0; i + 1 < operands.size(); ++i) {
    if (writer_.HasCommentIn(operands[i]->range.end, operands[i + 1]->range.begin)) return true;
  }
  return false;
}

void Formatter::ConditionLine(int indent, const std::string& head, const ast::Expr& expr,
                              const std::string& tail, SourceRange range, uint32_t head_end) {
  // A comment between two operands keeps the chain broken, so that it stays
  // between them.
  std::string one_line = head + " " + ExprText(expr) + tail;
  if (!CommentBetween(ChainOperands(expr)) && Fits(indent, one_line)) {
    writer_.Line(LineKind::Item, indent, one_line, range.begin, range.end);
    return;
  }
  writer_.Line(LineKind::Header, indent, head, range.begin, head_end);
  ChainLines(indent, "     ", expr, indent, tail, range.end, /*force_break=*/true);
}

void Formatter::ChainLines(int lead_indent, const std::string& lead, const ast::Expr& expr,
                           int indent, const std::string& tail, uint32_t end, bool force_break) {
  std::vector<const ast::Expr*> operands = ChainOperands(expr);
  std::string one_line = lead + ExprText(expr) + tail;
  int lead_column = lead_indent + static_cast<int>(lead.size());
  if (operands.size() == 1 ||
      (!force_break && !CommentBetween(operands) && Fits(lead_indent, one_line))) {
    writer_.Line(LineKind::Continuation, lead_indent, one_line, expr.range.begin,
                 std::max(end, expr.range.end), lead_column);
    return;
  }
  bool is_and = expr.As<ast::BinaryExpr>().op == ast::BinaryOp::And;
  for (size_t i = 0; i < operands.size(); ++i) {
    bool last = i + 1 == operands.size();
    const ast::Expr& operand = *operands[i];
    // Operators end one column before the operands, which start 5 columns in;
    // an `and` chain inside an `or` operand goes 5 columns deeper.
    if (i == 0) {
      ChainLines(lead_indent, lead, operand, indent + 5, "", operand.range.end, false);
    } else {
      ChainLines(indent, is_and ? " and " : "  or ", operand, indent + 5, last ? tail : "",
                 last ? end : operand.range.end, false);
    }
  }
}

void Formatter::RecordLine(int indent, const std::string& head, const ast::RecordExpr* record,
                           SourceRange range) {
  if (!record) {
    ItemLine(indent, head, range);
    return;
  }
  uint32_t lbrace = record->range.begin;
  uint32_t rbrace = ClosingBrace(record->range);
  // A comment between fields (not inside one) keeps the record broken.
  bool comment_between = false;
  uint32_t gap_begin = lbrace + 1;
  for (const ast::RecordField& field : record->fields) {
    comment_between |= writer_.HasCommentIn(gap_begin, field.name.range.begin);
    gap_begin = field.value->range.end;
  }
  comment_between |= writer_.HasCommentIn(gap_begin, rbrace);

  std::string one_line = head + " " + ExprText(*record);
  if (!comment_between && Fits(indent, one_line)) {
    ItemLine(indent, one_line, range);
    return;
  }
  writer_.Line(LineKind::Header, indent, head + " {", range.begin, lbrace + 1);
  writer_.EnterBlock();
  for (size_t i = 0; i < record->fields.size(); ++i) {
    const ast::RecordField& field = record->fields[i];
    std::string text = field.name.name + ": " + ExprText(*field.value);
    if (i + 1 < record->fields.size()) text += ",";
    writer_.Line(LineKind::Item, indent + kIndent, text, field.name.range.begin,
                 field.value->range.end);
  }
  CloseBlock(indent, rbrace);
}

uint32_t Formatter::FindForward(uint32_t from, char c) const {
  size_t i = from;
  while (i < source_.size()) {
    if (source_.compare(i, 2, "//") == 0) {
      i = source_.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (source_.compare(i, 2, "/*") == 0) {
      i = source_.find("*/", i + 2);
      if (i == std::string_view::npos) break;
      i += 2;
    } else if (source_[i] == c) {
      return static_cast<uint32_t>(i);
    } else {
      ++i;
    }
  }
  return from;
}

uint32_t Formatter::ClosingBrace(SourceRange range) const {
  uint32_t i = std::min<uint32_t>(range.end, static_cast<uint32_t>(source_.size()));
  while (i > range.begin) {
    char c = source_[--i];
    if (c == '}') return i;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ';') break;
  }
  return range.end > range.begin ? range.end - 1 : range.end;
}

std::string_view Formatter::SourceText(uint32_t begin, uint32_t end) const {
  if (begin >= end || end > source_.size()) return {};
  return source_.substr(begin, end - begin);
}

bool Formatter::Fits(int indent, std::string_view text) const {
  return text.find('\n') == std::string_view::npos &&
         indent + utf8::CountCodePoints(text) <= static_cast<size_t>(kMaxWidth);
}

}  // namespace format_internal
}  // namespace kairos
