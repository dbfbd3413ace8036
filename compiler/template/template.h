// Message templates: the `{{ ... }}` placeholders inside string literals
// (`"Hi {{contact.first_name ?? 'friend'}}"`), parsed with Boost.Spirit X3
// into ordinary AST expressions so the checker types them like any other.
#pragma once

#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kairos {

struct TemplatePart {
  // Literal text (is_placeholder false) or a placeholder's expression.
  bool is_placeholder = false;
  std::string text;   // literal text, or the placeholder as written between the braces, trimmed
  ast::ExprPtr expr;  // placeholder only; null when it failed to parse
  SourceRange range;  // in the .journey file (through the literal's offsets)
};

struct ParsedTemplate {
  std::vector<TemplatePart> parts;
  bool has_placeholders() const;
  // The literal text only (placeholders dropped), e.g. to size an SMS.
  std::string FixedText() const;
};

// Splits a string literal into text and placeholders. Placeholder syntax:
// paths (`a.b`, `a?.b`), `??`, single-quoted strings, numbers,
// `(issue coupon POOL).code` and parentheses. Errors are TemplateSyntaxError
// at the exact position inside the literal.
ParsedTemplate ParseTemplate(const ast::LiteralExpr& literal, DiagnosticSink& sink);

// How an SMS body is encoded and how many segments it takes: GSM-7 when every
// character is in the GSM 03.38 alphabet (160 per single message, 153 per part),
// otherwise UCS-2 (70, 67 per part; Hebrew and emoji land here).
struct SmsLength {
  bool gsm7 = true;
  int units = 0;     // septets (extension characters count 2) or UTF-16 units
  int segments = 0;  // 0 for an empty body
};

SmsLength MeasureSms(std::string_view text);

}  // namespace kairos
