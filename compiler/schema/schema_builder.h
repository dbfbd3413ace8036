// Builds the schema from a project's `schema` and `extend schema` blocks and
// resolves types as written (fields, parameters, builtin signatures).
#pragma once

#include <string>
#include <vector>

#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kairos {

struct SchemaSource {
  const ast::SchemaDecl* decl = nullptr;
  const ast::File* file = nullptr;  // for the fields' `///` comments
};

// Fills model.mutable_schema() from every schema block, in project order.
// Reports MissingSchema, DuplicateSchema, DuplicateDeclaration, DuplicateField,
// UnknownType and InvalidTimezone; field defaults are checked later, with the
// expressions.
void BuildSchema(const std::vector<SchemaSource>& sources, SemanticModel& model,
                 DiagnosticSink& sink);

// Resolves a written type against the (built) schema: built-in types,
// contact, product, channel, records and events, list<T>, set<T>, T?, inline
// enums and records. Unknown names are UnknownType and resolve to the error type.
Type ResolveTypeExpr(const ast::TypeExpr& type, SemanticModel& model, DiagnosticSink& sink,
                     const ast::File* file = nullptr);

// The `///` lines written directly above `range`, without the slashes.
std::string DocCommentAbove(const ast::File* file, SourceRange range);

}  // namespace kairos
