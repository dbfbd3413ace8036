#include "compiler/format/layout_writer.h"

#include <algorithm>
#include <limits>

#include "compiler/base/utf8.h"

namespace kairos::format_internal {

LayoutWriter::LayoutWriter(const ast::File& file)
    : source_(file.source ? std::string_view(file.source->text()) : std::string_view()),
      comments_(file.comments) {}

void LayoutWriter::Line(LineKind kind, int indent, std::string_view text, uint32_t begin,
                        uint32_t end, int comment_indent) {
  if (comment_indent < 0) comment_indent = indent;
  bool hoist = kind == LineKind::Item || kind == LineKind::Continuation;
  bool keep_blank = kind == LineKind::Item || kind == LineKind::Header;
  Flush(hoist ? end : begin, comment_indent, keep_blank);
  BeginOwnLine(begin, keep_blank);
  lines_.push_back({std::string(indent, ' ') + std::string(text), {}});
  last_end_ = std::max(last_end_, end);
}

void LayoutWriter::Comments(uint32_t until, int indent) { Flush(until, indent, true); }

void LayoutWriter::Flush(uint32_t until, int indent, bool keep_blank) {
  while (next_comment_ < comments_.size() && comments_[next_comment_].range.begin < until) {
    const ast::Comment& comment = comments_[next_comment_++];
    uint32_t begin = comment.range.begin;
    if (!lines_.empty() && begin >= last_end_ && SameSourceLine(last_end_, begin)) {
      std::string& trailing = lines_.back().trailing;
      if (!trailing.empty()) trailing += ' ';
      trailing += comment.text;
    } else {
      BeginOwnLine(begin, keep_blank);
      lines_.push_back({std::string(indent, ' ') + comment.text, {}});
    }
    last_end_ = std::max(last_end_, comment.range.end);
  }
}

void LayoutWriter::BeginOwnLine(uint32_t begin, bool keep_blank) {
  bool blank = blank_requested_ || (keep_blank && !block_start_ && begin > last_end_ &&
                                    BlankLineBetween(last_end_, begin));
  if (blank && !lines_.empty() && !lines_.back().code.empty()) lines_.push_back({});
  blank_requested_ = false;
  block_start_ = false;
}

bool LayoutWriter::BlankLineBetween(uint32_t begin, uint32_t end) const {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(source_.size()));
  bool after_newline = false;
  for (uint32_t i = begin; i < end; ++i) {
    char c = source_[i];
    if (c == '\n') {
      if (after_newline) return true;
      after_newline = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      after_newline = false;
    }
  }
  return false;
}

bool LayoutWriter::SameSourceLine(uint32_t begin, uint32_t end) const {
  if (end > source_.size()) return false;
  return source_.substr(begin, end - begin).find('\n') == std::string_view::npos;
}

bool LayoutWriter::HasCommentIn(uint32_t begin, uint32_t end) const {
  auto it = std::lower_bound(
      comments_.begin(), comments_.end(), begin,
      [](const ast::Comment& comment, uint32_t offset) { return comment.range.begin < offset; });
  return it != comments_.end() && it->range.begin < end;
}

std::string LayoutWriter::Finish() {
  Flush(std::numeric_limits<uint32_t>::max(), 0, true);

  // Trailing comments of consecutive one-line lines start in one column.
  auto alignable = [this](size_t i) {
    const OutLine& line = lines_[i];
    return !line.trailing.empty() && line.code.find('\n') == std::string::npos &&
           line.trailing.find('\n') == std::string::npos;
  };
  std::vector<size_t> columns(lines_.size(), 0);
  for (size_t first = 0; first < lines_.size();) {
    if (!alignable(first)) {
      columns[first] = utf8::CountCodePoints(lines_[first].code) + 2;
      ++first;
      continue;
    }
    size_t last = first;
    size_t widest = 0;
    while (last < lines_.size() && alignable(last)) {
      widest = std::max(widest, utf8::CountCodePoints(lines_[last].code));
      ++last;
    }
    for (size_t i = first; i < last; ++i) columns[i] = widest + 2;
    first = last;
  }

  std::string out;
  for (size_t i = 0; i < lines_.size(); ++i) {
    const OutLine& line = lines_[i];
    out += line.code;
    if (!line.trailing.empty()) {
      size_t width = utf8::CountCodePoints(line.code);
      out.append(columns[i] > width ? columns[i] - width : 1, ' ');
      out += line.trailing;
    }
    out += '\n';
  }
  return out;
}

}  // namespace kairos::format_internal
