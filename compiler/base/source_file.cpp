#include "compiler/base/source_file.h"

#include <algorithm>

#include "compiler/base/utf8.h"

namespace kairos {

SourceRange SourceRange::Join(SourceRange a, SourceRange b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  return {a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineColumn SourceFile::Locate(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  auto column = utf8::CountCodePoints(std::string_view(text_).substr(start, offset - start));
  return {line, static_cast<uint32_t>(column) + 1};
}

uint32_t SourceFile::Utf16Column(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t pos = *(it - 1);
  uint32_t units = 0;
  while (pos < offset) units += utf8::Next(text_, pos) >= 0x10000 ? 2 : 1;
  return units;
}

uint32_t SourceFile::OffsetOfUtf16(uint32_t line0, uint32_t utf16_column) const {
  if (line0 >= line_starts_.size()) return static_cast<uint32_t>(text_.size());
  size_t pos = line_starts_[line0];
  uint32_t units = 0;
  while (pos < text_.size() && text_[pos] != '\n' && units < utf16_column) {
    units += utf8::Next(text_, pos) >= 0x10000 ? 2 : 1;
  }
  return static_cast<uint32_t>(pos);
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  std::string_view view(text_);
  view = view.substr(start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

}  // namespace kairos
