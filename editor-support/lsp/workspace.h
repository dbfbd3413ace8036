// The language server's view of a project: every .journey file of the
// workspace folder, read from disk once, with the editor's open buffers taking
// precedence. A change re-parses only the changed file and re-checks the
// project from the ASTs in memory.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/check.h"
#include "compiler/project/project.h"

namespace kairos::lsp {

class Workspace {
 public:
  // Reads the .journey files under `root` (may be empty: only open buffers).
  explicit Workspace(std::string root);

  void Open(const std::string& path, std::string text);
  void Change(const std::string& path, std::string text);
  void Close(const std::string& path);  // falls back to the file on disk
  // A file changed, appeared or went away on disk: unless the editor has it
  // open, take what is on disk now.
  void SyncFromDisk(const std::string& path);

  // Re-parses changed files and re-checks; cheap when nothing changed.
  void Analyze();
  bool dirty() const { return dirty_; }

  const Project& project() const { return project_; }
  const SemanticModel* model() const { return model_.get(); }
  // Every diagnostic of the last analysis (parse and check).
  std::vector<const Diagnostic*> Diagnostics() const;

  // Whether the file's last parse reported errors (it is then not formatted).
  bool HasParseErrors(const std::string& path) const;
  // The parsed file for a path, or null.
  const ast::File* File(const std::string& path) const;
  const SourceFile* Source(const std::string& path) const;
  // Paths of the project's files (not the prelude), sorted.
  std::vector<std::string> Paths() const;
  bool IsOpen(const std::string& path) const { return open_.count(path) > 0; }

 private:
  struct Entry {
    std::string text;
    bool parsed = false;
    size_t index = 0;  // in project_.sources / files
    DiagnosticSink parse_diagnostics;
  };

  Entry& Upsert(const std::string& path, std::string text);
  std::string ReadFromDisk(const std::string& path) const;

  std::string root_;
  std::map<std::string, Entry> entries_;  // by path; the prelude included
  std::map<std::string, bool> open_;
  Project project_;
  std::unique_ptr<SemanticModel> model_;
  DiagnosticSink check_diagnostics_;
  bool dirty_ = true;
};

}  // namespace kairos::lsp
