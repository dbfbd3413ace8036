// Helpers for the checker's tests: check a few sources (after the prelude and
// the specification's schema), list the diagnostics as "Kind@line:col", and
// reach expressions and names of the result.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "compiler/check/check.h"
#include "compiler/project/project.h"
#include "stdlib/prelude.h"

namespace kairos::check_test {

inline std::string ReadRepoFile(const std::string& relative) {
  std::ifstream in(std::string(KAIROS_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline const std::string& SpecSchema() {
  static const std::string schema = ReadRepoFile("tests/spec_examples/01_schema.journey");
  return schema;
}

// The expression inside any parentheses.
inline const ast::Expr& Unparenthesized(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::Paren) e = e->As<ast::ParenExpr>().inner.get();
  return *e;
}

// The source text a range covers.
inline std::string TextOf(SourceRange range) {
  return range.file->text().substr(range.begin, range.end - range.begin);
}

struct CheckRun {
  Project project;
  DiagnosticSink sink;
  std::unique_ptr<SemanticModel> model;

  const SourceFile& File(const std::string& path) const {
    for (const auto& source : project.sources) {
      if (source->path() == path) return *source;
    }
    ADD_FAILURE() << "no file " << path;
    return *project.sources.front();
  }

  // Every diagnostic as "Kind@line:col" (or "Kind@path:line:col" outside
  // `main_file`), in emission order.
  std::vector<std::string> Diagnostics(const std::string& main_file = "test.journey") const {
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.diagnostics()) {
      std::string where = "-";
      if (d.range.valid()) {
        LineColumn at = d.range.file->Locate(d.range.begin);
        where = (d.range.file->path() == main_file ? "" : d.range.file->path() + ":") +
                std::to_string(at.line) + ":" + std::to_string(at.column);
      }
      out.push_back(std::string(KindName(d.kind)) + "@" + where);
    }
    return out;
  }

  // The diagnostics with their messages, for failure output.
  std::string Dump() const {
    std::ostringstream out;
    for (const Diagnostic& d : sink.diagnostics()) {
      LineColumn at = d.range.valid() ? d.range.file->Locate(d.range.begin) : LineColumn{};
      out << (d.range.valid() ? d.range.file->path() : "-") << ":" << at.line << ":" << at.column
          << ": " << KindName(d.kind) << ": " << d.message << "\n";
      for (const DiagnosticNote& note : d.notes) out << "    note: " << note.message << "\n";
    }
    return out.str();
  }

  // The offset of the `occurrence`-th (0-based) `needle` in `path`.
  uint32_t OffsetOf(const std::string& needle, int occurrence = 0,
                    const std::string& path = "test.journey") const {
    const std::string& text = File(path).text();
    size_t at = text.find(needle);
    for (int i = 0; i < occurrence && at != std::string::npos; ++i) at = text.find(needle, at + 1);
    EXPECT_NE(at, std::string::npos) << "no `" << needle << "` in " << path;
    return static_cast<uint32_t>(at == std::string::npos ? 0 : at);
  }

  // The symbol of the name written at `needle`.
  const Symbol* SymbolAt(const std::string& needle, int occurrence = 0,
                         const std::string& path = "test.journey") const {
    const Reference* reference = model->ReferenceAt(File(path), OffsetOf(needle, occurrence, path));
    return reference ? reference->symbol : nullptr;
  }

  const ast::SegmentDecl& Segment(const std::string& name) const {
    const Symbol* symbol = model->FindDeclaration(SymbolKind::Segment, name);
    EXPECT_NE(symbol, nullptr) << "no segment " << name;
    return symbol->decl->As<ast::SegmentDecl>();
  }

  // The printed type the model records for an expression.
  std::string TypeOf(const ast::Expr& expr) const {
    const Type* type = model->TypeOf(expr);
    return type ? type->ToString() : "<unchecked>";
  }
};

struct Source {
  std::string path;
  std::string text;
};

// Parses and checks the prelude, the spec's schema (unless told otherwise)
// and `sources`. Syntax errors fail the test: these tests are about checking.
inline std::unique_ptr<CheckRun> RunCheck(const std::vector<Source>& sources, bool with_schema = true,
                                          const CheckOptions& options = {}) {
  auto run = std::make_unique<CheckRun>();
  AddSource(run->project, std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()), run->sink);
  if (with_schema) AddSource(run->project, "schema.journey", SpecSchema(), run->sink);
  for (const Source& source : sources) AddSource(run->project, source.path, source.text, run->sink);
  for (const Diagnostic& d : run->sink.diagnostics()) {
    ADD_FAILURE() << "the test's sources do not parse: " << d.message << " at "
                  << (d.range.valid() ? d.range.file->path() : "-") << ":"
                  << (d.range.valid() ? d.range.file->Locate(d.range.begin).line : 0);
  }
  run->model = Check(run->project, run->sink, options);
  return run;
}

// Checks one file, test.journey, after the prelude and the spec's schema.
inline std::unique_ptr<CheckRun> RunCheck(const std::string& text) {
  return RunCheck({{"test.journey", text}});
}

// Coupon pools the specification's examples issue from without declaring.
inline constexpr const char* kSpecPools = R"(
coupon cart_10 { discount 10% codes generated "CART-{A9:6}" }
coupon next_order_15 { discount 15% codes generated "NEXT-{A9:6}" }
coupon birthday { discount 20% codes generated "BDAY-{A9:6}" }
coupon bf_20 { discount 20% codes generated "BF-{A9:6}" }
)";

}  // namespace kairos::check_test
