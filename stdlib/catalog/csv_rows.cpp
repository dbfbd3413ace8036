#include "stdlib/catalog/csv_rows.h"

namespace kairos::stdlib_internal {

namespace {

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

}  // namespace

CsvRows::CsvRows(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
}

bool CsvRows::Next(CsvRow& row) {
  while (pos_ < text_.size() && IsLineEnd(text_[pos_])) EndLine();
  if (pos_ >= text_.size()) return false;
  row.line = line_;
  row.cells.clear();
  row.error.clear();
  const size_t start = pos_;
  std::string cell;
  while (true) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      if (!ReadQuoted(cell)) {
        // The quote swallowed the rest of the file; the rows after this
        // line are more likely fine than not, so read on from there.
        row.error = "a quoted cell is not closed; end it with `\"`";
        pos_ = start;
        line_ = row.line;
        SkipLine();
        return true;
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && !IsLineEnd(text_[pos_])) {
        row.error =
            "text follows the closing quote of a cell; write a quote inside a quoted cell as "
            "`\"\"`";
        SkipLine();
        return true;
      }
    } else {
      size_t end = pos_;
      while (end < text_.size() && text_[end] != ',' && !IsLineEnd(text_[end])) ++end;
      cell.assign(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    row.cells.push_back(std::move(cell));
    cell.clear();
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size()) EndLine();
    return true;
  }
}

// Reads a quoted cell from its opening quote; false when it is never closed.
bool CsvRows::ReadQuoted(std::string& cell) {
  ++pos_;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (c == '"') {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        cell += '"';
        ++pos_;
        continue;
      }
      return true;
    }
    if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
    cell += c;
  }
  return false;
}

// Consumes one line end (LF, CRLF or CR) at pos_.
void CsvRows::EndLine() {
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

void CsvRows::SkipLine() {
  while (pos_ < text_.size() && !IsLineEnd(text_[pos_])) ++pos_;
  if (pos_ < text_.size()) EndLine();
}

}  // namespace kairos::stdlib_internal
