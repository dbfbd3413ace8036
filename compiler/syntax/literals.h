// Decoding literal text into LiteralExpr values (private to compiler/syntax).
//
// Each function fills the value fields of a LiteralExpr whose kind, range and
// text are already set, and reports InvalidLiteral or InvalidEscape when the
// text is well formed for the lexer but not a valid value (2026-02-30, 24:00,
// an overflowing number, `\q`). The literal keeps zero values then.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kairos::syntax_internal {

// INT, with `_` separators.
void DecodeInt(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink);

// INT or DECIMAL, scaled by 10^4 into `scaled_value`.
void DecodeDecimal(ast::LiteralExpr& literal, std::string_view number, DiagnosticSink& sink);

// `number CODE` or `SYMBOL number`: `currency` is the ISO code or the symbol.
void DecodeMoney(ast::LiteralExpr& literal, std::string_view number, std::string_view currency,
                 DiagnosticSink& sink);

// `number %`: the number as written, scaled by 10^4 (10% is 100000).
void DecodePercent(ast::LiteralExpr& literal, std::string_view number, DiagnosticSink& sink);

// One or more DURATION tokens (`1d 12h`, `1d12h`), summed into seconds.
void DecodeDuration(ast::LiteralExpr& literal, const std::vector<std::string_view>& parts,
                    DiagnosticSink& sink);

// DATE, or DATE TIME (a DateTime).
void DecodeDate(ast::LiteralExpr& literal, std::string_view date,
                std::optional<std::string_view> time, DiagnosticSink& sink);

// TIME: seconds since midnight.
void DecodeTime(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink);

// RFC 3339 TIMESTAMP: epoch seconds (fractions of a second are dropped).
void DecodeTimestamp(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink);

// STRING token text starting at byte `offset` of the source: escapes decoded
// (`"""` strings taken verbatim), with `string_offsets` filled.
void DecodeString(ast::LiteralExpr& literal, std::string_view token, uint32_t offset,
                  DiagnosticSink& sink);

}  // namespace kairos::syntax_internal
