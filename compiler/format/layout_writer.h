// The output side of `kairos fmt`: writes lines, and places the file's comments
// and the author's blank lines among them by source position.
//
// Every line the formatter writes names the source span it came from. Before a
// line is written, each comment that starts before it is written too: on the
// previous line when it followed that line's source on the same source line (a
// trailing comment), otherwise on a line of its own. So every comment comes out
// exactly once and in order, whatever the layout.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/syntax/ast.h"

namespace kairos::format_internal {

enum class LineKind {
  // A whole item (a field, a step): comments inside its span move above it.
  Item,
  // The first line of something that continues below (`journey x {`, `if c {`,
  // `segment s =`): comments inside its span move below it.
  Header,
  // A continuation of the item above (an operand of a broken `and` chain, a
  // field of a broken record): as Item, but blank lines are not kept.
  Continuation,
  // A line starting with a closing `}` (`}`, `} else {`): as Header, never
  // preceded by a blank line.
  Closing,
};

class LayoutWriter {
 public:
  explicit LayoutWriter(const ast::File& file);

  // Writes `text` at `indent`. `begin` and `end` delimit its source; comments
  // written on their own lines before it use `comment_indent` (default: indent).
  void Line(LineKind kind, int indent, std::string_view text, uint32_t begin, uint32_t end,
            int comment_indent = -1);

  // Writes the comments that start before `until`, at `indent` (e.g. those at
  // the end of a block, before its `}`).
  void Comments(uint32_t until, int indent);

  // The next line starts a block: no blank line before it.
  void EnterBlock() { block_start_ = true; }
  // Exactly one blank line before whatever comes next (between declarations).
  void RequestBlank() { blank_requested_ = true; }

  // Whether a comment starts in [begin, end).
  bool HasCommentIn(uint32_t begin, uint32_t end) const;

  // Writes the remaining comments and returns the text, trailing comments of
  // consecutive lines aligned.
  std::string Finish();

 private:
  struct OutLine {
    std::string code;      // indentation and text; empty for a blank line
    std::string trailing;  // comments after the code, or empty
  };

  void Flush(uint32_t until, int indent, bool keep_blank);
  void BeginOwnLine(uint32_t begin, bool keep_blank);
  bool BlankLineBetween(uint32_t begin, uint32_t end) const;
  bool SameSourceLine(uint32_t begin, uint32_t end) const;

  std::string_view source_;
  const std::vector<ast::Comment>& comments_;
  size_t next_comment_ = 0;
  std::vector<OutLine> lines_;
  uint32_t last_end_ = 0;    // source end of what was written last
  bool block_start_ = true;  // nothing written yet in the current block
  bool blank_requested_ = false;
};

}  // namespace kairos::format_internal
