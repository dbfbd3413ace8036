#include "stdlib/coupons/codes_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>

namespace kairos::stdlib_internal {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

bool IsHeader(std::string_view cell) {
  return cell.size() == 4 && (cell[0] | 0x20) == 'c' && (cell[1] | 0x20) == 'o' && (cell[2] | 0x20) == 'd' &&
         (cell[3] | 0x20) == 'e';
}

// The first cell of a line, or the reason it has none.
std::optional<std::string> FirstCell(std::string_view line, std::string& error) {
  const std::string_view trimmed = Trim(line);
  if (trimmed.empty() || trimmed.front() != '"') {
    std::string cell(Trim(line.substr(0, line.find(','))));
    if (cell.empty()) error = "the first column is empty; put one code a line in the first column";
    if (cell.find('"') != std::string::npos) error = "a quote inside an unquoted code; quote the whole cell";
    if (!error.empty()) return std::nullopt;
    return cell;
  }
  std::string cell;
  size_t i = 1;
  while (true) {
    if (i >= trimmed.size()) {
      error = "this quote is never closed on its line; a code cannot span lines";
      return std::nullopt;
    }
    if (trimmed[i] == '"') {
      if (i + 1 < trimmed.size() && trimmed[i + 1] == '"') {
        cell += '"';
        i += 2;
        continue;
      }
      ++i;
      break;
    }
    cell += trimmed[i++];
  }
  const std::string_view rest = Trim(trimmed.substr(i));
  if (!rest.empty() && rest.front() != ',') {
    error = "text after the closing quote; end the cell at the quote or add a comma";
    return std::nullopt;
  }
  if (cell.empty()) {
    error = "the first column is empty; put one code a line in the first column";
    return std::nullopt;
  }
  return cell;
}

}  // namespace

CodesFile ParseCodesFile(std::string_view text, const std::string& path) {
  CodesFile file;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark from spreadsheet exports
  std::unordered_map<std::string, int> first_line;
  bool first = true;
  int line_number = 0;
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    std::string error;
    std::optional<std::string> code = FirstCell(line, error);
    const bool header = first && code && IsHeader(*code);
    first = false;
    if (header) continue;
    const std::string where = path + ":" + std::to_string(line_number) + ": ";
    if (!code) {
      file.errors.push_back(where + error);
      continue;
    }
    auto [it, inserted] = first_line.try_emplace(*code, line_number);
    if (!inserted) {
      file.errors.push_back(where + "the code `" + *code + "` is already on line " + std::to_string(it->second) +
                            "; each code may be handed out once, so list it once");
      continue;
    }
    file.codes.push_back(std::move(*code));
  }
  return file;
}

CodesFile ReadCodesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CodesFile file;
    file.errors.push_back(path + ": cannot read the codes file (" + std::strerror(errno) + ")");
    return file;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CodesFile file = ParseCodesFile(text, path);
  if (file.codes.empty() && file.errors.empty()) file.errors.push_back(path + ": the codes file holds no code");
  return file;
}

}  // namespace kairos::stdlib_internal
