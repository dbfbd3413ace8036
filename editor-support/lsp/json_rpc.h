// JSON-RPC 2.0 over a byte stream with LSP's Content-Length framing.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace kairos::lsp {

// JSON-RPC error codes used by the server.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestFailed = -32803;

struct Frame {
  std::string body;   // the message's bytes (valid only when error is empty)
  std::string error;  // why the frame's header was malformed
};

// Reads one framed message; nullopt at end of input. A malformed header is
// returned as a Frame with `error` set (the stream is resynchronised on the
// next header), so the caller can answer with a JSON-RPC error.
std::optional<Frame> ReadFrame(std::istream& in);

void WriteMessage(std::ostream& out, const nlohmann::json& message);

}  // namespace kairos::lsp
