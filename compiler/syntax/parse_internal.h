// Private to compiler/syntax: the ANTLR-generated lexer and parser, and the
// pieces of the parse phase built on them (the token scan, syntax error
// wording, and the builder that turns the parse tree into the AST). The only
// header that includes ANTLR; nothing outside compiler/syntax includes it.
#pragma once

#include <JourneyLexer.h>
#include <JourneyParser.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/parse.h"

namespace kairos::syntax_internal {

using kairos_grammar::JourneyLexer;
using JP = kairos_grammar::JourneyParser;

// ANTLR counts positions in code points; SourceRange counts bytes. Built once
// per file, while decoding the text for the lexer.
class CodePointIndex {
 public:
  // Invalid UTF-8 bytes decode as U+FFFD (the lexer then reports them).
  explicit CodePointIndex(std::string_view text);

  const std::u32string& code_points() const { return code_points_; }
  uint32_t ByteOffset(size_t code_point_index) const {
    return byte_offsets_[std::min(code_point_index, byte_offsets_.size() - 1)];
  }

 private:
  std::u32string code_points_;
  std::vector<uint32_t> byte_offsets_;  // one per code point, then the text's size
};

// The lexer's input, from code points already decoded for the index (the
// runtime's own UTF-8 decoding throws on invalid bytes).
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointStream(const std::u32string& code_points) { _data = code_points; }
};

// The bytes a token covers (empty, at its position, for EOF).
SourceRange TokenRange(const SourceFile& source, const CodePointIndex& index,
                       const antlr4::Token* token);

// ---------------------------------------------------------------------------
// The token scan (token_scan.cpp): everything decided from the token list
// before the parser runs.

// A run of tokens that is (or should be) one top-level declaration. When a
// file does not parse as a whole, each chunk is parsed on its own, so one
// mistake costs one declaration and one diagnostic.
struct Chunk {
  size_t begin = 0;  // into TokenScan::code
  size_t end = 0;
  // False when a lexer error or too deep nesting inside it was reported: the
  // chunk is not parsed at all.
  bool parse = true;
};

struct TokenScan {
  std::vector<antlr4::Token*> code;  // default-channel tokens, EOF last
  std::vector<Chunk> chunks;
  std::vector<ast::Comment> comments;
  // `///` text by the start offset of the token it documents.
  std::unordered_map<uint32_t, std::string> docs;
  bool all_parse = true;  // no chunk was rejected
};

// Reports UnterminatedString, UnterminatedComment, UnexpectedCharacter and
// NestingTooDeep, collects comments and doc comments, and splits the code
// tokens into chunks.
TokenScan ScanTokens(const std::vector<antlr4::Token*>& tokens, const SourceFile& source,
                     const CodePointIndex& index, const ParseOptions& options,
                     DiagnosticSink& sink);

// ---------------------------------------------------------------------------
// Syntax errors (syntax_errors.cpp)

// What the parser knew when it met the first error.
struct SyntaxProblem {
  antlr4::Token* offending = nullptr;
  antlr4::Token* previous = nullptr;  // the token before it, if any
  antlr4::misc::IntervalSet expected;
  // The parser could not decide between alternatives at an earlier token, so
  // `expected` describes what may start there, not what may come here.
  bool expected_elsewhere = false;
};

// Records the first syntax error and stops the parse (ANTLR's recovery would
// report a cascade of follow-on errors instead).
class FirstErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  const std::optional<SyntaxProblem>& problem() const { return problem_; }

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;
  void sync(antlr4::Parser* parser) override;

 private:
  std::optional<SyntaxProblem> problem_;
};

// "expected `}`, found `journey`": `found` is the offending token's
// description (see DescribeFound).
std::string SyntaxErrorMessage(const JP& parser, const SyntaxProblem& problem,
                               const std::string& found);

// How a token is named in a message: "`journey`", "the end of the file".
std::string DescribeFound(const antlr4::Token* token, std::string_view text);

// ---------------------------------------------------------------------------
// The AST builder (build_*.cpp). Walks a parse tree that parsed without
// errors, so every required child is present.

class AstBuilder {
 public:
  AstBuilder(const SourceFile& source, const CodePointIndex& index,
             const std::unordered_map<uint32_t, std::string>& docs, DiagnosticSink& sink)
      : source_(source), index_(index), docs_(docs), sink_(sink) {}

  void AddDecls(JP::FileContext* file, std::vector<ast::DeclPtr>& out);
  ast::ExprPtr Expr(JP::ExprContext* context);

 private:
  // Positions and names (build_decl.cpp).
  SourceRange Range(const antlr4::Token* token) const;
  SourceRange Range(antlr4::ParserRuleContext* context) const;
  SourceRange Range(antlr4::tree::TerminalNode* node) const;
  std::string_view Text(SourceRange range) const;
  ast::Ident Ident(JP::IdentContext* context) const;
  std::string DocAt(SourceRange range) const;

  // Declarations (build_decl.cpp).
  ast::DeclPtr Decl(JP::DeclContext* context);
  ast::DeclPtr Segment(JP::SegmentDeclContext* context);
  ast::DeclPtr Builtin(JP::BuiltinDeclContext* context);
  std::vector<ast::Param> Params(JP::ParamListContext* context);
  ast::DeclPtr Journey(JP::JourneyDeclContext* context);
  ast::DeclPtr Campaign(JP::CampaignDeclContext* context);
  ast::DeclPtr Coupon(JP::CouponDeclContext* context);
  ast::DeclPtr Popup(JP::PopupDeclContext* context);
  ast::DeclPtr Policy(JP::PolicyDeclContext* context);

  // Schema and types (build_schema.cpp).
  ast::DeclPtr Schema(JP::SchemaDeclContext* context);
  ast::SchemaItem SchemaItem(JP::SchemaItemContext* context);
  std::vector<ast::FieldDecl> Fields(JP::FieldListContext* context);
  ast::TypeExprPtr Type(JP::TypeExprContext* context);

  // Clauses and steps (build_stmt.cpp).
  ast::StmtPtr JourneyItem(JP::JourneyItemContext* context);
  ast::StmtPtr Clause(JP::ClauseContext* context);
  ast::StmtPtr Trigger(JP::TriggerContext* trigger, SourceRange range);
  ast::StmtPtr CampaignItem(JP::CampaignItemContext* context);
  ast::StmtPtr Step(JP::StepContext* context);
  ast::Block Block(JP::BlockContext* context);
  ast::WaitArm WaitArm(JP::WaitArmContext* context);

  // Expressions (build_expr.cpp; Expr, the entry, is public).
  ast::ExprPtr Or(JP::OrExprContext* context);
  ast::ExprPtr And(JP::AndExprContext* context);
  ast::ExprPtr Not(JP::NotExprContext* context);
  ast::ExprPtr Coalesce(JP::CoalesceContext* context);
  ast::ExprPtr Comparison(JP::ComparisonContext* context);
  ast::ExprPtr Additive(JP::AdditiveContext* context);
  ast::ExprPtr Multiplicative(JP::MultiplicativeContext* context);
  ast::ExprPtr Unary(JP::UnaryContext* context);
  ast::ExprPtr Postfix(JP::PostfixContext* context);
  ast::ExprPtr Primary(JP::PrimaryContext* context);
  ast::CallArg CallArg(JP::CallArgContext* context);
  ast::Window Window(JP::WindowContext* context);
  std::unique_ptr<ast::RecordExpr> Record(JP::RecordLiteralContext* context);

  // Literals (build_literal.cpp).
  std::unique_ptr<ast::LiteralExpr> Literal(JP::LiteralContext* context);
  std::unique_ptr<ast::LiteralExpr> String(antlr4::tree::TerminalNode* token);
  std::unique_ptr<ast::LiteralExpr> Percent(JP::NumberContext* number, SourceRange range);
  int64_t Integer(antlr4::tree::TerminalNode* token);

  const SourceFile& source_;
  const CodePointIndex& index_;
  const std::unordered_map<uint32_t, std::string>& docs_;
  DiagnosticSink& sink_;
};

}  // namespace kairos::syntax_internal
