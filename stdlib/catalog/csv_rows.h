// Rows of a catalogue file (RFC 4180): quoted cells may hold commas, line
// breaks and doubled quotes (`""` is one `"`); lines end in LF, CRLF or CR; a
// UTF-8 byte order mark at the start is dropped. Private to stdlib/catalog.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kairos::stdlib_internal {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> cells;
  std::string error;  // non-empty when the row is malformed
};

// A malformed row is returned with `error` set and reading resumes at the next
// line, so one bad row costs only itself.
class CsvRows {
 public:
  explicit CsvRows(std::string_view text);

  // False at the end of the text. Blank lines are skipped.
  bool Next(CsvRow& row);

 private:
  bool ReadQuoted(std::string& cell);
  void EndLine();
  void SkipLine();

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace kairos::stdlib_internal
