// Everything decided from the token list before the parser runs: lexer
// errors, nesting depth, comments, doc comments and declaration chunks.
#include <cstdio>

#include "compiler/base/utf8.h"
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

namespace {

using antlr4::Token;

// `ident` accepts IDENT and every soft keyword; the grammar keeps the soft
// keywords contiguous, from `schema` to `sms`.
bool IsName(size_t type) { return type == JP::IDENT || (type >= JP::SCHEMA && type <= JP::SMS); }

bool IsOpenBracket(size_t type) {
  return type == JP::LPAREN || type == JP::LBRACKET || type == JP::LBRACE;
}

bool IsCloseBracket(size_t type) {
  return type == JP::RPAREN || type == JP::RBRACKET || type == JP::RBRACE;
}

bool IsPrefixOperator(size_t type) {
  return type == JP::NOT || type == JP::MINUS || type == JP::PLUS;
}

// Only blanks between the start of the line and `offset` (a byte order mark
// at the start of the file counts as blank).
bool FirstOnLine(std::string_view text, uint32_t offset) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  while (offset > 0) {
    if (offset == kByteOrderMark.size() && text.substr(0, offset) == kByteOrderMark) return true;
    char c = text[offset - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
    --offset;
  }
  return true;
}

// The text between two tokens is blank and holds exactly one line break: the
// second sits on the line right after the first.
bool OnNextLine(std::string_view text, uint32_t from, uint32_t to) {
  int breaks = 0;
  for (uint32_t i = from; i < to; ++i) {
    char c = text[i];
    if (c == '\n') {
      ++breaks;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return breaks == 1;
}

std::string HexCodePoint(char32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
  return buffer;
}

bool IsInvisible(char32_t c) {
  return c < 0x20 || c == 0x7F || c == 0xAD || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069);
}

std::string UnexpectedCharacterMessage(std::string_view bytes) {
  if (utf8::FindInvalid(bytes) != std::string_view::npos) {
    return "this byte is not valid UTF-8 text; save the file as UTF-8";
  }
  size_t pos = 0;
  char32_t c = utf8::Next(bytes, pos);
  std::string shown = "`" + std::string(bytes.substr(0, pos)) + "`";
  switch (c) {
    case '\'':
      return "strings use double quotes: write \"text\" instead of 'text'";
    case '&':
      return "`&` is not an operator here; write `and`";
    case '|':
      return "`|` is not an operator here; write `or`";
    case '!':
      return "`!` is not an operator on its own; write `not`, or `!=` for \"not equal\"";
    case '#':
      return "`#` does not start a comment; comments start with `//`";
    case '\\':
      return "`\\` is only allowed inside a string";
    case 0x201C:
    case 0x201D:
    case 0x201E:
      return shown + " is a typographic quote; strings use straight double quotes `\"`";
    default:
      break;
  }
  if (IsInvisible(c)) {
    return "an invisible character (" + HexCodePoint(c) + ") is here; delete it";
  }
  if (c >= 0x80) {
    return "unexpected character " + shown +
           "; names use only ASCII letters, digits and `_`, and other text goes in double quotes";
  }
  return "unexpected character " + shown + "; remove it";
}

class Scanner {
 public:
  Scanner(const SourceFile& source, const CodePointIndex& index, const ParseOptions& options,
          DiagnosticSink& sink)
      : source_(source), text_(source.text()), index_(index), options_(options), sink_(sink) {}

  TokenScan Run(const std::vector<Token*>& tokens) {
    for (Token* token : tokens) Collect(token);
    Split();
    return std::move(scan_);
  }

 private:
  SourceRange RangeOf(const Token* token) const { return TokenRange(source_, index_, token); }

  // Comments, doc comments and the code tokens, in one pass.
  void Collect(Token* token) {
    size_t type = token->getType();
    SourceRange range = RangeOf(token);
    bool comment = type == JP::DOC_COMMENT || type == JP::LINE_COMMENT ||
                   type == JP::BLOCK_COMMENT || type == JP::UNTERMINATED_COMMENT;
    if (comment) {
      std::string text(text_.substr(range.begin, range.end - range.begin));
      // `////` is a plain comment (often a commented-out doc comment).
      bool is_doc = type == JP::DOC_COMMENT && text.compare(0, 4, "////") != 0;
      if (is_doc && FirstOnLine(text_, range.begin)) {
        AddDocLine(text, range);
      } else {
        doc_lines_.clear();
      }
      scan_.comments.push_back({range, std::move(text), is_doc});
      if (type != JP::UNTERMINATED_COMMENT) return;
    } else if (!doc_lines_.empty()) {
      if (OnNextLine(text_, doc_end_, range.begin)) {
        std::string doc;
        for (size_t i = 0; i < doc_lines_.size(); ++i) {
          if (i > 0) doc += '\n';
          doc += doc_lines_[i];
        }
        scan_.docs[range.begin] = std::move(doc);
      }
      doc_lines_.clear();
    }
    scan_.code.push_back(token);
  }

  void AddDocLine(std::string_view comment, SourceRange range) {
    if (!doc_lines_.empty() && !OnNextLine(text_, doc_end_, range.begin)) doc_lines_.clear();
    std::string_view line = comment.substr(3);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    doc_lines_.emplace_back(line);
    doc_end_ = range.end;
  }

  // Splits the code into chunks and reports lexer errors and deep nesting,
  // marking the chunks that hold them.
  void Split() {
    const std::vector<Token*>& code = scan_.code;
    const size_t end = code.size() - 1;  // the last token is EOF
    Chunk chunk;
    int depth = 0;
    int prefix_run = 0;
    bool nesting_reported = false;
    for (size_t i = 0; i < end; ++i) {
      size_t type = code[i]->getType();
      if (i > chunk.begin && StartsDeclaration(i, depth)) {
        chunk.end = i;
        scan_.chunks.push_back(chunk);
        chunk = Chunk{i, i, true};
        depth = 0;
        prefix_run = 0;
        nesting_reported = false;
      }
      if (type == JP::UNTERMINATED_STRING || type == JP::UNTERMINATED_COMMENT ||
          type == JP::UNKNOWN_CHAR) {
        ReportLexerError(i);
        chunk.parse = false;
      } else if (IsOpenBracket(type)) {
        ++depth;
      } else if (IsCloseBracket(type) && depth > 0) {
        --depth;
      }
      prefix_run = IsPrefixOperator(type) ? prefix_run + 1 : 0;
      if (depth + prefix_run > options_.max_nesting && !nesting_reported) {
        sink_.Error(DiagnosticKind::NestingTooDeep, RangeOf(code[i]),
                    "this is nested more than " + std::to_string(options_.max_nesting) +
                        " levels deep (brackets, or `not` and `-` in a row); split it into "
                        "smaller segments or `let` steps");
        nesting_reported = true;
        chunk.parse = false;
      }
    }
    chunk.end = end;
    if (chunk.end > chunk.begin) scan_.chunks.push_back(chunk);
    for (const Chunk& c : scan_.chunks) scan_.all_parse &= c.parse;
  }

  // A declaration keyword followed by what a declaration needs, at the top
  // level or (to recover from a missing `}`) at the start of a line.
  bool StartsDeclaration(size_t i, int depth) const {
    const std::vector<Token*>& code = scan_.code;
    size_t type = code[i]->getType();
    size_t next = code[i + 1]->getType();
    size_t previous = code[i - 1]->getType();
    bool shape = false;
    switch (type) {
      case JP::SCHEMA:
      case JP::SEGMENT:
      case JP::BUILTIN:
      case JP::JOURNEY:
      case JP::CAMPAIGN:
      case JP::COUPON:
      case JP::POPUP:
        shape = IsName(next) && previous != JP::EXTEND && previous != JP::ISSUE &&
                previous != JP::STOP && previous != JP::DOT && previous != JP::SAFE_DOT;
        break;
      case JP::EXTEND:
        shape = next == JP::SCHEMA;
        break;
      case JP::POLICY:
        shape = next == JP::LBRACE;
        break;
      default:
        break;
    }
    return shape && (depth == 0 || FirstOnLine(text_, RangeOf(code[i]).begin));
  }

  // Reports the lexer error token at `i` (a run of unexpected characters
  // once, at its first).
  void ReportLexerError(size_t i) {
    const std::vector<Token*>& code = scan_.code;
    Token* token = code[i];
    SourceRange range = RangeOf(token);
    std::string_view bytes = std::string_view(text_).substr(range.begin, range.end - range.begin);
    switch (token->getType()) {
      case JP::UNTERMINATED_STRING:
        if (bytes.substr(0, 3) == "\"\"\"") {
          sink_.Error(DiagnosticKind::UnterminatedString, {&source_, range.begin, range.begin + 3},
                      "this `\"\"\"` string is never closed; add `\"\"\"` where the text ends");
        } else {
          sink_.Error(DiagnosticKind::UnterminatedString, range,
                      "this string is not closed; add `\"` before the end of the line");
        }
        return;
      case JP::UNTERMINATED_COMMENT:
        sink_.Error(DiagnosticKind::UnterminatedComment, {&source_, range.begin, range.begin + 2},
                    "this comment is never closed; add `*/` where it ends");
        return;
      default:
        break;
    }
    if (i > 0 && code[i - 1]->getType() == JP::UNKNOWN_CHAR &&
        RangeOf(code[i - 1]).end == range.begin) {
      return;
    }
    SourceRange run = range;
    for (size_t j = i + 1; j < code.size() && code[j]->getType() == JP::UNKNOWN_CHAR; ++j) {
      SourceRange next = RangeOf(code[j]);
      if (next.begin != run.end) break;
      run.end = next.end;
    }
    sink_.Error(DiagnosticKind::UnexpectedCharacter, run, UnexpectedCharacterMessage(bytes));
  }

  const SourceFile& source_;
  std::string_view text_;
  const CodePointIndex& index_;
  const ParseOptions& options_;
  DiagnosticSink& sink_;
  TokenScan scan_;
  std::vector<std::string> doc_lines_;  // the `///` run being read
  uint32_t doc_end_ = 0;
};

}  // namespace

TokenScan ScanTokens(const std::vector<antlr4::Token*>& tokens, const SourceFile& source,
                     const CodePointIndex& index, const ParseOptions& options,
                     DiagnosticSink& sink) {
  return Scanner(source, index, options, sink).Run(tokens);
}

}  // namespace kairos::syntax_internal
