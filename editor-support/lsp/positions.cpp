#include "editor-support/lsp/features.h"

namespace kairos::lsp {

Json ToLspPosition(const SourceFile& file, uint32_t offset) {
  uint32_t line = file.Locate(offset).line - 1;
  return {{"line", line}, {"character", file.Utf16Column(offset)}};
}

Json ToLspRange(SourceRange range) {
  return {{"start", ToLspPosition(*range.file, range.begin)},
          {"end", ToLspPosition(*range.file, std::max(range.begin, range.end))}};
}

uint32_t FromLspPosition(const SourceFile& file, const Json& position) {
  return file.OffsetOfUtf16(position.at("line").get<uint32_t>(),
                            position.at("character").get<uint32_t>());
}

}  // namespace kairos::lsp
