#include "editor-support/lsp/server.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "editor-support/lsp/features.h"
#include "editor-support/lsp/json_rpc.h"
#include "editor-support/lsp/uri.h"

namespace kairos::lsp {

namespace {

using Clock = std::chrono::steady_clock;

// A JSON-RPC error to send back for the current request.
struct RpcError : std::runtime_error {
  int code;
  RpcError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
};

// Frames read on a thread of their own so edits can be debounced while the
// main thread waits. The state is shared with the reader, which may outlive
// the server when `exit` arrives before the input ends.
class Inbox {
 public:
  explicit Inbox(std::istream& in) : state_(std::make_shared<State>()) {
    std::thread([state = state_, &in] {
      while (auto frame = ReadFrame(in)) {
        std::lock_guard lock(state->mutex);
        state->frames.push_back(std::move(*frame));
        state->ready.notify_one();
      }
      std::lock_guard lock(state->mutex);
      state->closed = true;
      state->ready.notify_one();
    }).detach();
  }

  // Waits until a frame arrives or `deadline` passes; nullopt on timeout or
  // when the input has ended (`closed()` then tells which).
  std::optional<Frame> Pop(std::optional<Clock::time_point> deadline) {
    std::unique_lock lock(state_->mutex);
    auto ready = [this] { return !state_->frames.empty() || state_->closed; };
    if (deadline) {
      if (!state_->ready.wait_until(lock, *deadline, ready)) return std::nullopt;
    } else {
      state_->ready.wait(lock, ready);
    }
    if (state_->frames.empty()) return std::nullopt;
    Frame frame = std::move(state_->frames.front());
    state_->frames.pop_front();
    return frame;
  }

  bool closed() {
    std::lock_guard lock(state_->mutex);
    return state_->closed && state_->frames.empty();
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<Frame> frames;
    bool closed = false;
  };
  std::shared_ptr<State> state_;
};

class Server {
 public:
  Server(std::ostream& out, const ServerOptions& options) : out_(out), options_(options) {}

  int Run(std::istream& in) {
    Inbox inbox(in);
    while (!exit_status_) {
      std::optional<Clock::time_point> deadline;
      if (pending_publish_) deadline = last_change_ + std::chrono::milliseconds(options_.debounce_ms);
      std::optional<Frame> frame = inbox.Pop(deadline);
      if (!frame) {
        if (inbox.closed()) break;
        PublishDiagnostics();
        continue;
      }
      Handle(*frame);
    }
    // Input ended without `exit`: leave as a well-behaved server would.
    return exit_status_.value_or(shutdown_ ? 0 : 1);
  }

 private:
  void Handle(const Frame& frame) {
    if (!frame.error.empty()) {
      SendError(nullptr, kParseError, frame.error);
      return;
    }
    Json message = Json::parse(frame.body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded()) {
      SendError(nullptr, kParseError, "the message is not valid JSON");
      return;
    }
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
      // Responses to requests we never send are ignored; anything else is invalid.
      if (message.is_object() && message.contains("id") && !message.contains("method")) return;
      SendError(message.is_object() && message.contains("id") ? message["id"] : Json(nullptr),
                kInvalidRequest, "a JSON-RPC request needs a string `method`");
      return;
    }
    const std::string method = message["method"];
    const bool is_request = message.contains("id");
    const Json id = is_request ? message["id"] : Json(nullptr);
    const Json params = message.value("params", Json::object());
    try {
      Json result = Dispatch(method, params, is_request);
      if (is_request) Send({{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
    } catch (const RpcError& error) {
      if (is_request) SendError(id, error.code, error.what());
    } catch (const Json::exception& error) {
      if (is_request) SendError(id, kInvalidParams, std::string("invalid params: ") + error.what());
    } catch (const std::invalid_argument& error) {
      if (is_request) SendError(id, kRequestFailed, error.what());
    } catch (const std::exception& error) {
      if (is_request) SendError(id, kInternalError, error.what());
    }
  }

  Json Dispatch(const std::string& method, const Json& params, bool is_request) {
    if (method == "initialize") return Initialize(params);
    if (method == "exit") {
      exit_status_ = shutdown_ ? 0 : 1;
      return nullptr;
    }
    if (!workspace_) {
      if (is_request) throw RpcError(kServerNotInitialized, "the server has not been initialized");
      return nullptr;
    }
    if (method == "workspace/didChangeWatchedFiles") {
      for (const Json& change : params.at("changes")) {
        const std::string path = UriToPath(change.at("uri"));
        if (path.size() > 8 && path.compare(path.size() - 8, 8, ".journey") == 0) workspace_->SyncFromDisk(path);
      }
      ScheduleDiagnostics(/*now=*/true);
      return nullptr;
    }
    if (method == "initialized" || method == "$/cancelRequest" || method == "$/setTrace" ||
        method == "workspace/didChangeConfiguration" || method == "textDocument/didSave") {
      return nullptr;
    }
    if (method == "shutdown") {
      shutdown_ = true;
      return nullptr;
    }
    if (method == "textDocument/didOpen") {
      const Json& doc = params.at("textDocument");
      workspace_->Open(UriToPath(doc.at("uri")), doc.at("text"));
      open_uris_.insert(doc.at("uri").get<std::string>());
      ScheduleDiagnostics(/*now=*/true);
      return nullptr;
    }
    if (method == "textDocument/didChange") {
      const std::string path = UriToPath(params.at("textDocument").at("uri"));
      for (const Json& change : params.at("contentChanges")) {
        if (change.contains("range")) {
          throw RpcError(kInvalidParams, "the server takes whole-document changes only");
        }
        workspace_->Change(path, change.at("text"));
      }
      ScheduleDiagnostics(/*now=*/false);
      return nullptr;
    }
    if (method == "textDocument/didClose") {
      const std::string uri = params.at("textDocument").at("uri");
      workspace_->Close(UriToPath(uri));
      open_uris_.erase(uri);
      // Clear what the editor shows for a file it no longer has open.
      Send({{"jsonrpc", "2.0"},
            {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}});
      ScheduleDiagnostics(/*now=*/true);
      return nullptr;
    }
    if (!is_request) return nullptr;  // unknown notifications are ignored

    // Requests see the latest text: analyse now rather than after the pause.
    Analyze();
    if (method == "textDocument/formatting") return Formatting(*workspace_, Path(params));
    if (method == "textDocument/documentSymbol") return DocumentSymbols(*workspace_, Path(params));
    if (method == "textDocument/semanticTokens/full") return SemanticTokens(*workspace_, Path(params));
    if (method == "textDocument/hover") return Hover(*workspace_, Path(params), Offset(params));
    if (method == "textDocument/completion") return Completion(*workspace_, Path(params), Offset(params));
    if (method == "textDocument/definition") return Definition(*workspace_, Path(params), Offset(params));
    if (method == "textDocument/references") {
      bool include = params.contains("context") && params["context"].value("includeDeclaration", false);
      return References(*workspace_, Path(params), Offset(params), include);
    }
    if (method == "textDocument/prepareRename") return PrepareRename(*workspace_, Path(params), Offset(params));
    if (method == "textDocument/rename") {
      return Rename(*workspace_, Path(params), Offset(params), params.at("newName").get<std::string>());
    }
    throw RpcError(kMethodNotFound, "unknown method `" + method + "`");
  }

  Json Initialize(const Json& params) {
    std::string root;
    if (params.contains("rootUri") && params["rootUri"].is_string()) {
      root = UriToPath(params["rootUri"]);
    } else if (params.contains("rootPath") && params["rootPath"].is_string()) {
      root = params["rootPath"];
    }
    if (params.contains("initializationOptions") && params["initializationOptions"].is_object()) {
      options_.debounce_ms = params["initializationOptions"].value("debounceMs", options_.debounce_ms);
    }
    workspace_ = std::make_unique<Workspace>(root);
    return {
        {"capabilities",
         {{"positionEncoding", "utf-16"},
          {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", false}}},
          {"hoverProvider", true},
          {"completionProvider", {{"triggerCharacters", {".", "{", " ", "("}}, {"resolveProvider", false}}},
          {"definitionProvider", true},
          {"referencesProvider", true},
          {"renameProvider", {{"prepareProvider", true}}},
          {"documentSymbolProvider", true},
          {"documentFormattingProvider", true},
          {"semanticTokensProvider", {{"legend", SemanticTokensLegend()}, {"full", true}}}}},
        {"serverInfo", {{"name", "kairos"}, {"version", "0.1.0"}}}};
  }

  std::string Path(const Json& params) const { return UriToPath(params.at("textDocument").at("uri")); }

  uint32_t Offset(const Json& params) const {
    const SourceFile* source = workspace_->Source(Path(params));
    if (!source) throw RpcError(kInvalidParams, "the document is not open or not part of the project");
    return FromLspPosition(*source, params.at("position"));
  }

  void ScheduleDiagnostics(bool now) {
    pending_publish_ = true;
    last_change_ = now ? Clock::time_point{} : Clock::now();
  }

  void Analyze() {
    if (workspace_->dirty()) {
      workspace_->Analyze();
      pending_publish_ = true;
      PublishDiagnostics();
    }
  }

  // Sends diagnostics for every open document (a change in one file can make
  // or mend errors in another) and for files on disk that have errors.
  void PublishDiagnostics() {
    if (!pending_publish_ || !workspace_) return;
    pending_publish_ = false;
    workspace_->Analyze();
    std::set<std::string> uris = open_uris_;
    for (const Diagnostic* d : workspace_->Diagnostics()) {
      if (d->range.valid()) uris.insert(PathToUri(d->range.file->path()));
    }
    uris.insert(published_with_errors_.begin(), published_with_errors_.end());
    published_with_errors_.clear();
    for (const std::string& uri : uris) {
      Json params = FileDiagnostics(*workspace_, UriToPath(uri));
      params["uri"] = uri;
      if (!params["diagnostics"].empty()) published_with_errors_.insert(uri);
      Send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
    }
  }

  void Send(const Json& message) { WriteMessage(out_, message); }

  void SendError(const Json& id, int code, const std::string& message) {
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

  std::ostream& out_;
  ServerOptions options_;
  std::unique_ptr<Workspace> workspace_;
  std::set<std::string> open_uris_;
  std::set<std::string> published_with_errors_;
  bool pending_publish_ = false;
  Clock::time_point last_change_;
  bool shutdown_ = false;
  std::optional<int> exit_status_;
};

}  // namespace

int RunServer(std::istream& in, std::ostream& out, const ServerOptions& options) {
  // The reader thread must not flush `out` (std::cin is tied to std::cout)
  // while the main thread writes to it.
  in.tie(nullptr);
  Server server(out, options);
  return server.Run(in);
}

}  // namespace kairos::lsp
