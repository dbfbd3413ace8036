// A project: the .journey files of a folder (or the files named), loaded into
// memory and validated as text (readable, UTF-8, not empty).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kairos {

struct Project {
  // The project's files sorted by path, then any added with AddSource (the
  // prelude, an editor buffer) in the order added.
  std::vector<std::unique_ptr<SourceFile>> sources;
  std::vector<std::unique_ptr<ast::File>> files;  // parallel to `sources`
  std::string root;  // the folder, or "" when files were named
  // Files that could not be used (not UTF-8, empty): kept only so the
  // diagnostics that point into them stay valid. They have no AST.
  std::vector<std::unique_ptr<SourceFile>> rejected;
};

// Reads every .journey file under each path (a folder, searched recursively,
// or a file) and parses it. Problems reading files are diagnostics
// (FileNotReadable, FileNotUtf8, FileEmpty, NoSourceFiles) so a project with one
// bad file still reports on the others.
Project LoadProject(const std::vector<std::string>& paths, DiagnosticSink& sink);

// Adds a file held in memory (the prelude, an editor buffer) and parses it.
const ast::File& AddSource(Project& project, std::string path, std::string text,
                           DiagnosticSink& sink);

}  // namespace kairos
