// The lexical tokens of a file, classified for tools that colour or scan
// source text (the language server's semantic tokens) without the parser.
#pragma once

#include <vector>

#include "compiler/base/source_file.h"

namespace kairos {

enum class TokenClass {
  Keyword,     // reserved or soft keyword (a soft keyword may still be used as a name)
  Name,        // an identifier
  String,
  Number,      // integers, decimals, money, percent, durations, dates, times
  Comment,
  Operator,
  Punctuation,
  Invalid,     // what the lexer could not read
};

struct LexToken {
  TokenClass token_class;
  SourceRange range;
};

// Every token and comment of the file, in source order.
std::vector<LexToken> Tokenize(const SourceFile& source);

}  // namespace kairos
