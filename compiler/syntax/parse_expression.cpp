// Parsing one expression on its own, by the grammar's `expressionInput` rule,
// with the same lexer checks and syntax error wording as a file.
#include "compiler/syntax/parse.h"
#include "compiler/syntax/parse_internal.h"

namespace kairos {
namespace {

using syntax_internal::JP;

size_t ClosingOf(size_t open) {
  return open == JP::LPAREN ? JP::RPAREN : open == JP::LBRACKET ? JP::RBRACKET : JP::RBRACE;
}

std::string_view Spelling(size_t bracket) {
  switch (bracket) {
    case JP::LPAREN:
      return "(";
    case JP::RPAREN:
      return ")";
    case JP::LBRACKET:
      return "[";
    case JP::RBRACKET:
      return "]";
    case JP::LBRACE:
      return "{";
    default:
      return "}";
  }
}

// A bracket left open makes the parser give up at the bracket, far from what
// is missing (the expression has no declaration after it to resynchronise
// on), so unbalanced brackets are reported first, where they are.
bool ReportUnbalancedBrackets(const std::vector<antlr4::Token*>& code, const SourceFile& source,
                              const syntax_internal::CodePointIndex& index, DiagnosticSink& sink) {
  std::vector<antlr4::Token*> open;
  for (antlr4::Token* token : code) {
    const size_t type = token->getType();
    if (type == JP::LPAREN || type == JP::LBRACKET || type == JP::LBRACE) {
      open.push_back(token);
      continue;
    }
    const bool closing = type == JP::RPAREN || type == JP::RBRACKET || type == JP::RBRACE;
    const bool end = type == antlr4::Token::EOF;
    if (!closing && !end) continue;
    if (closing && !open.empty() && ClosingOf(open.back()->getType()) == type) {
      open.pop_back();
      continue;
    }
    if (end && open.empty()) return false;
    const SourceRange range = syntax_internal::TokenRange(source, index, token);
    if (open.empty()) {
      sink.Error(DiagnosticKind::SyntaxError, range,
                 "`" + std::string(Spelling(type)) + "` closes nothing; remove it");
      return true;
    }
    const size_t opener = open.back()->getType();
    const uint32_t column =
        source.Locate(syntax_internal::TokenRange(source, index, open.back()).begin).column;
    sink.Error(DiagnosticKind::SyntaxError, range,
               "expected `" + std::string(Spelling(ClosingOf(opener))) + "` to close the `" +
                   std::string(Spelling(opener)) + "` at column " + std::to_string(column) +
                   ", found " +
                   (end ? std::string("the end of the expression")
                        : "`" + std::string(Spelling(type)) + "`"));
    return true;
  }
  return false;
}

}  // namespace

ast::ExprPtr ParseExpression(const SourceFile& source, DiagnosticSink& sink,
                             const ParseOptions& options) {
  using namespace syntax_internal;
  CodePointIndex index(source.text());
  CodePointStream input(index.code_points());
  JourneyLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  const TokenScan scan = ScanTokens(tokens.getTokens(), source, index, options, sink);
  if (!scan.all_parse) return nullptr;  // lexer errors, already reported
  if (ReportUnbalancedBrackets(scan.code, source, index, sink)) return nullptr;

  JP parser(&tokens);
  parser.removeErrorListeners();
  auto strategy = std::make_shared<FirstErrorStrategy>();
  parser.setErrorHandler(strategy);
  JP::ExpressionInputContext* tree = nullptr;
  try {
    tree = parser.expressionInput();
  } catch (const antlr4::ParseCancellationException&) {
  }
  if (tree == nullptr || strategy->problem()) {
    // Every failure records a problem; the fallback keeps one from going unreported.
    const SyntaxProblem* problem = strategy->problem() ? &*strategy->problem() : nullptr;
    antlr4::Token* found = problem != nullptr ? problem->offending : tokens.get(0);
    const SourceRange range = TokenRange(source, index, found);
    const std::string_view text =
        std::string_view(source.text()).substr(range.begin, range.end - range.begin);
    std::string message = problem != nullptr
                              ? SyntaxErrorMessage(parser, *problem, DescribeFound(found, text))
                              : "this could not be read as an expression";
    // The text is an expression on its own, not a file.
    static constexpr std::string_view kFileEnd = "the end of the file";
    for (size_t at = message.find(kFileEnd); at != std::string::npos; at = message.find(kFileEnd)) {
      message.replace(at, kFileEnd.size(), "the end of the expression");
    }
    sink.Error(DiagnosticKind::SyntaxError, range, std::move(message));
    return nullptr;
  }
  AstBuilder builder(source, index, scan.docs, sink);
  return builder.Expr(tree->expr());
}

}  // namespace kairos
