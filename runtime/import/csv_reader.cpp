#include "runtime/import/csv_reader.h"

namespace kairos::runtime {

CsvReader::CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

void CsvReader::EndOfLine() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  ++line_;
}

void CsvReader::SkipToNextLine() {
  while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
  EndOfLine();
}

bool CsvReader::Next(CsvRecord& record) {
  // Blank lines separate nothing in an export; they are not records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) EndOfLine();
  if (pos_ >= text_.size()) return false;

  record.line = line_;
  record.fields.clear();
  record.error.clear();
  std::string field;
  while (true) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const int opened = line_;
      ++pos_;
      bool closed = false;
      while (pos_ < text_.size()) {
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') ++line_;
        field += c;
      }
      if (!closed) {
        record.error = "the quoted field opened on line " + std::to_string(opened) + " is never closed";
        return true;
      }
      if (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        record.error = "text after the closing quote of field " + std::to_string(record.fields.size() + 1) +
                       "; inside a quoted field, write a quote twice (\"\")";
        SkipToNextLine();
        return true;
      }
    } else {
      // Unquoted: a quote here is an ordinary character (12" ruler).
      while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        field += text_[pos_++];
      }
    }
    record.fields.push_back(std::move(field));
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    EndOfLine();
    return true;
  }
}

}  // namespace kairos::runtime
