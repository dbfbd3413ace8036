// The canonical layout of a .journey file, walked declaration by declaration
// (format_decls.cpp) and step by step (format_steps.cpp); the layouts they
// share are in format.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/format/layout_writer.h"
#include "compiler/syntax/ast.h"

namespace kairos::format_internal {

constexpr int kIndent = 2;
constexpr int kMaxWidth = 100;

class Formatter {
 public:
  explicit Formatter(const ast::File& file);
  std::string Run();

 private:
  // Declarations.
  bool IsOneLineSegment(const ast::Decl& decl) const;
  void Decl(const ast::Decl& decl);
  void Schema(const ast::SchemaDecl& schema);
  void SchemaItem(const ast::SchemaItem& item, int indent);
  void Segment(const ast::SegmentDecl& segment);
  void ItemsDecl(const std::string& head, const ast::Decl& decl, SourceRange body,
                 const std::vector<ast::StmtPtr>& items);
  void Coupon(const ast::CouponDecl& coupon);
  void Popup(const ast::PopupDecl& popup);
  void Policy(const ast::PolicyDecl& policy);

  // Journey clauses, steps and campaign items.
  void Steps(const std::vector<ast::StmtPtr>& steps, int indent);
  void Step(const ast::Stmt& step, int indent, const ast::Stmt* next);
  void WaitUntil(const ast::WaitUntilStmt& wait, int indent);
  void If(const ast::IfStmt& if_stmt, int indent);
  void Split(const ast::SplitStmt& split, int indent);
  // The steps of `block` and its closing `}`, after a line ending in `{`.
  void BlockBody(const ast::Block& block, int indent);

  // Shared layouts.
  // One line for a whole item.
  void ItemLine(int indent, const std::string& text, SourceRange range);
  // `head {` (returns true: the caller writes the body, then CloseBlock), or
  // `head {}` when there is nothing inside (returns false).
  bool OpenBlock(int indent, const std::string& head, uint32_t begin, uint32_t lbrace,
                 uint32_t rbrace, bool empty);
  void CloseBlock(int indent, uint32_t rbrace);
  // `head expr tail` on one line when it fits; otherwise `head` alone, then the
  // operands of a top-level `and`/`or` chain one per line:
  //   segment s =
  //        a
  //    and b
  //     or c
  void ConditionLine(int indent, const std::string& head, const ast::Expr& expr,
                     const std::string& tail, SourceRange range, uint32_t head_end);
  // The lines of a chain after ConditionLine's head: the first starts with
  // `lead` at `lead_indent`, the others with the operator at `indent`. An
  // operand that is itself a chain (`a and b` inside an `or`) stays on one line
  // when it fits, else it is broken the same way, 5 columns deeper:
  //        a
  //         and b
  //     or c
  void ChainLines(int lead_indent, const std::string& lead, const ast::Expr& expr, int indent,
                  const std::string& tail, uint32_t end, bool force_break);
  bool CommentBetween(const std::vector<const ast::Expr*>& operands) const;
  // `head { a: x, b: y }` when it fits, else one field per line.
  void RecordLine(int indent, const std::string& head, const ast::RecordExpr* record,
                  SourceRange range);

  // The first `c` at or after `from`, outside comments (`from` if none).
  uint32_t FindForward(uint32_t from, char c) const;
  // The `}` that ends `range`.
  uint32_t ClosingBrace(SourceRange range) const;
  std::string_view SourceText(uint32_t begin, uint32_t end) const;
  bool Fits(int indent, std::string_view text) const;

  const ast::File& file_;
  std::string_view source_;
  LayoutWriter writer_;
};

}  // namespace kairos::format_internal
