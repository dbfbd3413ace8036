// ParseExpression: one expression on its own (a segment call given on the
// command line), with the lexer's checks, literal decoding and syntax errors
// of a file.
#include <gtest/gtest.h>

#include "compiler/syntax/parse.h"

namespace kairos {
namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  DiagnosticSink sink;
  ast::ExprPtr expr;
};

Parsed ParseText(std::string text) {
  Parsed parsed;
  parsed.source = std::make_unique<SourceFile>("--name", std::move(text));
  parsed.expr = ParseExpression(*parsed.source, parsed.sink);
  return parsed;
}

// "Kind col: message" of the only diagnostic.
std::string OnlyDiagnostic(const Parsed& parsed) {
  if (parsed.sink.diagnostics().size() != 1) {
    return std::to_string(parsed.sink.diagnostics().size()) + " diagnostics";
  }
  const Diagnostic& d = parsed.sink.diagnostics()[0];
  return std::string(KindName(d.kind)) + " " +
         std::to_string(d.range.file->Locate(d.range.begin).column) + ": " + d.message;
}

TEST(ParseExpressionTest, CallWithLiteralArguments) {
  Parsed parsed = ParseText("category_lovers(\"dresses\", 3, 19.90 EUR, 1d 12h, [2026-03-01, 2026-03-02])");
  ASSERT_NE(parsed.expr, nullptr);
  EXPECT_FALSE(parsed.sink.has_errors());
  ASSERT_EQ(parsed.expr->kind, ast::ExprKind::Call);
  const auto& call = parsed.expr->As<ast::CallExpr>();
  EXPECT_EQ(call.callee->As<ast::NameExpr>().name, "category_lovers");
  ASSERT_EQ(call.args.size(), 5u);
  EXPECT_EQ(call.args[0].value->As<ast::LiteralExpr>().string_value, "dresses");
  EXPECT_EQ(call.args[1].value->As<ast::LiteralExpr>().int_value, 3);
  const auto& money = call.args[2].value->As<ast::LiteralExpr>();
  EXPECT_EQ(money.scaled_value, 199000);
  EXPECT_EQ(money.currency, "EUR");
  EXPECT_EQ(call.args[3].value->As<ast::LiteralExpr>().seconds, 129600);
  const auto& dates = call.args[4].value->As<ast::ListExpr>();
  ASSERT_EQ(dates.elements.size(), 2u);
  EXPECT_EQ(dates.elements[1]->As<ast::LiteralExpr>().day, 2);
}

TEST(ParseExpressionTest, SyntaxErrorsAndInvalidLiteralsAreReported) {
  EXPECT_EQ(OnlyDiagnostic(ParseText("f(1,")).substr(0, 14), "SyntaxError 5:");
  EXPECT_EQ(OnlyDiagnostic(ParseText("f([1, 2)")),
            "SyntaxError 8: expected `]` to close the `[` at column 3, found `)`");
  EXPECT_EQ(OnlyDiagnostic(ParseText("f(1))")), "SyntaxError 5: `)` closes nothing; remove it");
  EXPECT_EQ(OnlyDiagnostic(ParseText("f(\"a\"")),
            "SyntaxError 6: expected `)` to close the `(` at column 2, found the end of the expression");
  Parsed trailing = ParseText("f(1) g");
  EXPECT_EQ(trailing.expr, nullptr);
  EXPECT_EQ(OnlyDiagnostic(trailing), "SyntaxError 6: expected an operator or the end of the expression, found `g`");
  EXPECT_EQ(OnlyDiagnostic(ParseText("f(2026-02-30)")),
            "InvalidLiteral 3: `2026-02-30` is not a date: February 2026 has 28 days");
  Parsed hash = ParseText("f(#)");
  EXPECT_EQ(hash.expr, nullptr);
  EXPECT_EQ(OnlyDiagnostic(hash), "UnexpectedCharacter 3: `#` does not start a comment; comments start with `//`");
  EXPECT_EQ(ParseText("").expr, nullptr);
}

}  // namespace
}  // namespace kairos
