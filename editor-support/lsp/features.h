// The language features, each a function of the analysed workspace. Offsets
// are byte offsets into the file's current text; results are LSP JSON.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/base/source_file.h"
#include "editor-support/lsp/workspace.h"

namespace kairos::lsp {

using Json = nlohmann::json;

// LSP positions and ranges (0-based lines, UTF-16 columns).
Json ToLspPosition(const SourceFile& file, uint32_t offset);
Json ToLspRange(SourceRange range);
Json ToLspLocation(SourceRange range);
uint32_t FromLspPosition(const SourceFile& file, const Json& position);

// textDocument/publishDiagnostics params for one file.
Json FileDiagnostics(const Workspace& workspace, const std::string& path);

Json Hover(const Workspace& workspace, const std::string& path, uint32_t offset);
Json Completion(const Workspace& workspace, const std::string& path, uint32_t offset);
Json Definition(const Workspace& workspace, const std::string& path, uint32_t offset);
Json References(const Workspace& workspace, const std::string& path, uint32_t offset,
                bool include_declaration);
Json PrepareRename(const Workspace& workspace, const std::string& path, uint32_t offset);
// Throws std::invalid_argument with a message for the user when the new name
// is not an identifier or the symbol cannot be renamed.
Json Rename(const Workspace& workspace, const std::string& path, uint32_t offset,
            const std::string& new_name);
Json DocumentSymbols(const Workspace& workspace, const std::string& path);
Json Formatting(const Workspace& workspace, const std::string& path);

// The token types and modifiers announced in `initialize`, and the tokens.
Json SemanticTokensLegend();
Json SemanticTokens(const Workspace& workspace, const std::string& path);

}  // namespace kairos::lsp
