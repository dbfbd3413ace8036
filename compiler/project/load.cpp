// Loading a project: finding its files, reading and validating them as text,
// and parsing each.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "compiler/base/utf8.h"
#include "compiler/project/project.h"
#include "compiler/syntax/parse.h"

namespace kairos {

namespace {

namespace fs = std::filesystem;

void NotReadable(DiagnosticSink& sink, const std::string& path, const std::string& reason) {
  sink.Error(DiagnosticKind::FileNotReadable, {},
             "cannot read `" + path + "` (" + reason + "); check that it exists and that you may read it");
}

// Every *.journey file under `folder`. Symbolic links to folders are not
// followed (they could loop); links to files are.
void CollectFolder(const fs::path& root, std::vector<std::string>& files, DiagnosticSink& sink) {
  std::vector<fs::path> folders{root};
  while (!folders.empty()) {
    fs::path folder = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
      NotReadable(sink, folder.string(), ec.message());
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      std::error_code entry_ec;
      fs::file_status own = entry.symlink_status(entry_ec);
      if (entry_ec) {
        NotReadable(sink, entry.path().string(), entry_ec.message());
        continue;
      }
      if (fs::is_directory(own)) {
        folders.push_back(entry.path());
      } else if (entry.path().extension() == ".journey") {
        files.push_back(entry.path().string());
      }
    }
    if (ec) NotReadable(sink, folder.string(), ec.message());
  }
}

bool ReadFile(const std::string& path, std::string& text, std::string& reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    reason = std::strerror(errno);
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    reason = std::strerror(errno);
    return false;
  }
  return true;
}

bool IsBlank(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Checks the text of a file; false (with a diagnostic) when it cannot be used.
bool Validate(const SourceFile& source, DiagnosticSink& sink) {
  const std::string& text = source.text();
  size_t bad = utf8::FindInvalid(text);
  if (bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    sink.Error(DiagnosticKind::FileNotUtf8, source.Range(static_cast<uint32_t>(bad), static_cast<uint32_t>(bad) + 1),
               "this file is not UTF-8 text (byte " + std::string(byte) +
                   " here is not part of a character); save it as UTF-8");
    return false;
  }
  if (IsBlank(text)) {
    sink.Error(DiagnosticKind::FileEmpty, source.Range(0, 0),
               "this file is empty; add declarations to it or delete it");
    return false;
  }
  return true;
}

}  // namespace

Project LoadProject(const std::vector<std::string>& paths, DiagnosticSink& sink) {
  Project project;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
      NotReadable(sink, path, ec ? ec.message() : "no such file or folder");
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);  // a file named explicitly is taken whatever its extension
      continue;
    }
    if (paths.size() == 1) project.root = path;
    size_t before = files.size();
    CollectFolder(path, files, sink);
    if (files.size() == before) {
      sink.Error(DiagnosticKind::NoSourceFiles, {},
                 "no .journey files in `" + path + "`; write your segments and journeys in files "
                 "ending in .journey");
    }
  }

  std::sort(files.begin(), files.end());
  std::set<std::string> seen;  // the same file reached twice is loaded once
  for (const std::string& path : files) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    if (!seen.insert(ec ? path : canonical.string()).second) continue;
    std::string text, reason;
    if (!ReadFile(path, text, reason)) {
      NotReadable(sink, path, reason);
      continue;
    }
    auto source = std::make_unique<SourceFile>(path, std::move(text));
    if (!Validate(*source, sink)) {
      project.rejected.push_back(std::move(source));
      continue;
    }
    project.files.push_back(Parse(*source, sink));
    project.sources.push_back(std::move(source));
  }
  return project;
}

const ast::File& AddSource(Project& project, std::string path, std::string text, DiagnosticSink& sink) {
  project.sources.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  project.files.push_back(Parse(*project.sources.back(), sink));
  return *project.files.back();
}

}  // namespace kairos
