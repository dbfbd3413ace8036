#include "editor-support/lsp/workspace.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/syntax/parse.h"
#include "stdlib/prelude.h"

namespace kairos::lsp {

namespace fs = std::filesystem;

Workspace::Workspace(std::string root) : root_(std::move(root)) {
  Upsert(std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()));
  if (root_.empty()) return;
  std::error_code ec;
  std::vector<std::string> paths;
  for (fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".journey") {
      paths.push_back(it->path().lexically_normal().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) Upsert(path, ReadFromDisk(path));
}

std::string Workspace::ReadFromDisk(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Workspace::Entry& Workspace::Upsert(const std::string& path, std::string text) {
  auto [it, inserted] = entries_.try_emplace(path);
  Entry& entry = it->second;
  if (inserted) {
    entry.index = project_.sources.size();
    project_.sources.push_back(nullptr);
    project_.files.push_back(nullptr);
  } else if (entry.text == text && entry.parsed) {
    return entry;
  }
  entry.text = std::move(text);
  entry.parsed = false;
  dirty_ = true;
  return entry;
}

void Workspace::Open(const std::string& path, std::string text) {
  open_[path] = true;
  Upsert(path, std::move(text));
}

void Workspace::Change(const std::string& path, std::string text) { Upsert(path, std::move(text)); }

void Workspace::Close(const std::string& path) {
  open_.erase(path);
  SyncFromDisk(path);
}

void Workspace::SyncFromDisk(const std::string& path) {
  if (IsOpen(path)) return;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    Upsert(path, ReadFromDisk(path));
    return;
  }
  auto it = entries_.find(path);
  if (it == entries_.end()) return;
  size_t index = it->second.index;
  project_.sources.erase(project_.sources.begin() + static_cast<std::ptrdiff_t>(index));
  project_.files.erase(project_.files.begin() + static_cast<std::ptrdiff_t>(index));
  entries_.erase(it);
  for (auto& [_, entry] : entries_) {
    if (entry.index > index) --entry.index;
  }
  dirty_ = true;
}

void Workspace::Analyze() {
  if (!dirty_) return;
  // The model and its diagnostics point into the ASTs about to be replaced.
  model_.reset();
  check_diagnostics_ = DiagnosticSink();
  for (auto& [path, entry] : entries_) {
    if (entry.parsed) continue;
    // The old AST points into the old source: replace both together.
    project_.files[entry.index].reset();
    project_.sources[entry.index] = std::make_unique<SourceFile>(path, entry.text);
    entry.parse_diagnostics = DiagnosticSink();
    project_.files[entry.index] = Parse(*project_.sources[entry.index], entry.parse_diagnostics);
    entry.parsed = true;
  }
  model_ = Check(project_, check_diagnostics_);
  dirty_ = false;
}

std::vector<const Diagnostic*> Workspace::Diagnostics() const {
  std::vector<const Diagnostic*> all;
  for (const auto& [_, entry] : entries_) {
    for (const Diagnostic& d : entry.parse_diagnostics.diagnostics()) all.push_back(&d);
  }
  for (const Diagnostic& d : check_diagnostics_.diagnostics()) all.push_back(&d);
  return all;
}

bool Workspace::HasParseErrors(const std::string& path) const {
  auto it = entries_.find(path);
  return it != entries_.end() && it->second.parse_diagnostics.has_errors();
}

const ast::File* Workspace::File(const std::string& path) const {
  auto it = entries_.find(path);
  if (it == entries_.end() || !it->second.parsed) return nullptr;
  return project_.files[it->second.index].get();
}

const SourceFile* Workspace::Source(const std::string& path) const {
  auto it = entries_.find(path);
  if (it == entries_.end() || !it->second.parsed) return nullptr;
  return project_.sources[it->second.index].get();
}

std::vector<std::string> Workspace::Paths() const {
  std::vector<std::string> paths;
  for (const auto& [path, _] : entries_) {
    if (path != stdlib::kPreludePath) paths.push_back(path);
  }
  return paths;
}

}  // namespace kairos::lsp
