// Comma-separated values as spreadsheets and shop back offices export them
// (RFC 4180): quoted fields may hold the delimiter, line breaks and doubled
// quotes (`""` is one `"`); lines end in LF or CRLF; a UTF-8 byte order mark
// at the start is dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kairos::runtime {

struct CsvRecord {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;
  std::string error;                // non-empty when the record is malformed
};

// Reads records one at a time. A malformed record (text after a closing quote,
// a quote never closed) is returned with `error` set, and reading resumes at
// the next line, so one bad record costs only itself.
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter);

  // False at the end of the text. Blank lines are skipped.
  bool Next(CsvRecord& record);

 private:
  void SkipToNextLine();
  void EndOfLine();

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace kairos::runtime
