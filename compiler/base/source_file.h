// A source file held in memory, and positions in it.
//
// Ranges are byte offsets into the UTF-8 text; line and column are computed on
// demand, with columns counted in Unicode code points (what a user sees), and
// in UTF-16 units for the language server.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kairos {

class SourceFile;

// A half-open byte range [begin, end) in one file. A null file means "no
// location" (a project-level message).
struct SourceRange {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != nullptr; }
  bool Contains(uint32_t offset) const { return begin <= offset && offset < end; }
  // The smallest range covering both (they must be in the same file).
  static SourceRange Join(SourceRange a, SourceRange b);
};

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  LineColumn Locate(uint32_t offset) const;
  // The 0-based UTF-16 column of an offset, for LSP positions.
  uint32_t Utf16Column(uint32_t offset) const;
  // Byte offset of a 0-based line and UTF-16 column (LSP positions); clamps to
  // the line's end.
  uint32_t OffsetOfUtf16(uint32_t line0, uint32_t utf16_column) const;
  // The text of a 1-based line, without its line break.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  SourceRange Range(uint32_t begin, uint32_t end) const { return {this, begin, end}; }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace kairos
