#include "editor-support/lsp/json_rpc.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace kairos::lsp {

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

std::optional<Frame> ReadFrame(std::istream& in) {
  constexpr size_t kMaxBody = 64u << 20;  // a 64 MB message is not an edit
  std::optional<size_t> length;
  std::string error;
  std::string line;
  bool any_header = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      error = "malformed header line: " + line;
      continue;
    }
    std::string_view name(line.data(), colon);
    std::string_view value(line.data() + colon + 1, line.size() - colon - 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (IEquals(name, "Content-Length")) {
      size_t parsed = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (ec != std::errc() || ptr != value.data() + value.size() || parsed > kMaxBody) {
        error = "invalid Content-Length: " + std::string(value);
      } else {
        length = parsed;
      }
    }
  }
  if (!any_header) return std::nullopt;
  if (!length && error.empty()) error = "missing Content-Length header";
  if (!error.empty()) return Frame{"", error};
  Frame frame;
  frame.body.resize(*length);
  in.read(frame.body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<size_t>(in.gcount()) != *length) return std::nullopt;
  return frame;
}

void WriteMessage(std::ostream& out, const nlohmann::json& message) {
  // Invalid UTF-8 in a document must not make dump() throw.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace kairos::lsp
