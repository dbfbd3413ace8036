// The parse phase: lex, scan the tokens, parse (SLL first, LL on failure),
// build the AST.
//
// A file that parses as a whole is built in one go. Otherwise each top-level
// declaration (a chunk of tokens, see token_scan.cpp) is parsed on its own and
// stops at its first syntax error: one mistake costs one diagnostic and one
// declaration, and every other declaration still reaches the checker.
#include "compiler/syntax/parse.h"

#include "compiler/base/utf8.h"
#include "compiler/syntax/parse_internal.h"

namespace kairos {

namespace syntax_internal {

namespace {

void UseSll(JP& parser) {
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
}

class FileParser {
 public:
  FileParser(const SourceFile& source, DiagnosticSink& sink, const ParseOptions& options)
      : source_(source), sink_(sink), options_(options), index_(source.text()) {}

  std::unique_ptr<ast::File> Run() {
    auto file = std::make_unique<ast::File>();
    file->source = &source_;
    CodePointStream input(index_.code_points());
    JourneyLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    TokenScan scan = ScanTokens(tokens.getTokens(), source_, index_, options_, sink_);
    file->comments = std::move(scan.comments);
    AstBuilder builder(source_, index_, scan.docs, sink_);
    if (scan.all_parse && ParseWhole(tokens, builder, file->decls)) return file;
    for (size_t i = 0; i < scan.chunks.size(); ++i) {
      if (scan.chunks[i].parse) ParseChunk(scan, scan.chunks[i], builder, file->decls);
    }
    return file;
  }

 private:
  bool ParseWhole(antlr4::CommonTokenStream& tokens, AstBuilder& builder, std::vector<ast::DeclPtr>& decls) {
    JP parser(&tokens);
    parser.removeErrorListeners();
    UseSll(parser);
    try {
      JP::FileContext* tree = parser.file();
      builder.AddDecls(tree, decls);
      return true;
    } catch (const antlr4::ParseCancellationException&) {
      return false;
    }
  }

  // Parses the chunk's tokens followed by an end of file placed where the
  // next declaration starts, so a missing `}` is reported there.
  void ParseChunk(const TokenScan& scan, const Chunk& chunk, AstBuilder& builder,
                  std::vector<ast::DeclPtr>& decls) {
    std::vector<std::unique_ptr<antlr4::Token>> copies;
    copies.reserve(chunk.end - chunk.begin + 1);
    for (size_t i = chunk.begin; i < chunk.end; ++i) {
      copies.push_back(std::make_unique<antlr4::CommonToken>(scan.code[i]));
    }
    antlr4::Token* next = scan.code[chunk.end];
    auto eof = std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
    eof->setStartIndex(next->getStartIndex());
    eof->setStopIndex(next->getStartIndex() - 1);
    copies.push_back(std::move(eof));

    antlr4::ListTokenSource source(std::move(copies));
    antlr4::CommonTokenStream tokens(&source);
    JP parser(&tokens);
    parser.removeErrorListeners();
    UseSll(parser);
    try {
      builder.AddDecls(parser.file(), decls);
      return;
    } catch (const antlr4::ParseCancellationException&) {
    }
    // SLL failed: either a real error or a decision that needs full LL.
    tokens.seek(0);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    auto strategy = std::make_shared<FirstErrorStrategy>();
    parser.setErrorHandler(strategy);
    try {
      builder.AddDecls(parser.file(), decls);
      return;
    } catch (const antlr4::ParseCancellationException&) {
    }
    if (strategy->problem()) {
      Report(parser, *strategy->problem(), scan, next);
    } else {
      // Every failure path records a problem; this keeps a dropped
      // declaration from ever going unreported.
      sink_.Error(DiagnosticKind::SyntaxError, TokenRange(source_, index_, scan.code[chunk.begin]),
                  "this declaration could not be read; check it for a typo");
    }
  }

  void Report(const JP& parser, const SyntaxProblem& problem, const TokenScan& scan,
              antlr4::Token* next) {
    // The chunk's end of file stands for the token after the chunk.
    antlr4::Token* found = problem.offending->getType() == antlr4::Token::EOF ? next : problem.offending;
    SourceRange range = TokenRange(source_, index_, found);
    if (found->getType() == antlr4::Token::EOF && scan.code.size() > 1) {
      // Point just after the last token rather than at trailing blank lines.
      uint32_t end = TokenRange(source_, index_, scan.code[scan.code.size() - 2]).end;
      range = {&source_, end, end};
    }
    std::string_view text = std::string_view(source_.text()).substr(range.begin, range.end - range.begin);
    sink_.Error(DiagnosticKind::SyntaxError, range,
                SyntaxErrorMessage(parser, problem, DescribeFound(found, text)));
  }

  const SourceFile& source_;
  DiagnosticSink& sink_;
  const ParseOptions& options_;
  CodePointIndex index_;
};

}  // namespace

CodePointIndex::CodePointIndex(std::string_view text) {
  code_points_.reserve(text.size());
  byte_offsets_.reserve(text.size() + 1);
  size_t pos = 0;
  while (pos < text.size()) {
    byte_offsets_.push_back(static_cast<uint32_t>(pos));
    code_points_.push_back(utf8::Next(text, pos));
  }
  byte_offsets_.push_back(static_cast<uint32_t>(text.size()));
}

SourceRange TokenRange(const SourceFile& source, const CodePointIndex& index, const antlr4::Token* token) {
  uint32_t begin = index.ByteOffset(token->getStartIndex());
  if (token->getType() == antlr4::Token::EOF || token->getStopIndex() < token->getStartIndex()) {
    return {&source, begin, begin};
  }
  return {&source, begin, index.ByteOffset(token->getStopIndex() + 1)};
}

}  // namespace syntax_internal

std::unique_ptr<ast::File> Parse(const SourceFile& source, DiagnosticSink& sink, const ParseOptions& options) {
  return syntax_internal::FileParser(source, sink, options).Run();
}

}  // namespace kairos
