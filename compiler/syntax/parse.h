// The parse phase: source text in, AST out. ANTLR stays behind this header.
#pragma once

#include <memory>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kairos {

struct ParseOptions {
  // Deeper nesting of brackets or prefix operators is reported as
  // NestingTooDeep instead of being parsed (protects the stack).
  int max_nesting = 200;
};

// Parses one file. Syntax errors go to `sink`; the returned AST holds every
// declaration that parsed, so later phases can still check the rest.
std::unique_ptr<ast::File> Parse(const SourceFile& source, DiagnosticSink& sink,
                                 const ParseOptions& options = {});

// Parses the whole of `source` as one expression, such as a segment and its
// arguments given on the command line (`browsers("shoes")`). Syntax errors
// and invalid literals go to `sink`; null when it does not parse.
ast::ExprPtr ParseExpression(const SourceFile& source, DiagnosticSink& sink,
                             const ParseOptions& options = {});

}  // namespace kairos
