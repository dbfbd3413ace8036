// The subcommands of `kairos`. Each takes its parsed options and the output
// streams, and returns the exit status.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/frontend.h"

namespace kairos::cli {

struct CheckCommand {
  std::vector<std::string> paths;
  DiagnosticsFormat format = DiagnosticsFormat::Text;
  bool summary = false;
};
int RunCheck(const CheckCommand& command, std::ostream& out, std::ostream& err);

struct FmtCommand {
  std::vector<std::string> paths;
  bool check = false;   // report files that would change, write nothing
  bool print = false;   // write the formatted text to stdout instead of the files
  DiagnosticsFormat format = DiagnosticsFormat::Text;
};
int RunFmt(const FmtCommand& command, std::ostream& out, std::ostream& err);

struct CompileCommand {
  std::vector<std::string> paths;
  std::string emit;  // ast, ir or llvm
  DiagnosticsFormat format = DiagnosticsFormat::Text;
};
int RunCompile(const CompileCommand& command, std::ostream& out, std::ostream& err);

struct SegmentCommand {
  std::vector<std::string> paths;
  std::string events;         // JSON Lines file
  std::string name;           // the segment
  std::string at;             // RFC 3339; "" for the last event's time
  std::string engine = "auto";  // interp, jit or auto
  bool strict = false;        // stop at the first bad event line
  DiagnosticsFormat format = DiagnosticsFormat::Text;
};
// Exit status 3 when the events file has bad lines (INTERFACES.md).
int RunSegment(const SegmentCommand& command, std::ostream& out, std::ostream& err);

struct ImportCsvCommand {
  std::string file;     // the CSV export
  std::string mapping;  // the mapping file (docs/import.md)
  std::string output;   // JSON Lines; "" or "-" for stdout
};
// Exit status 3 when some rows are malformed (INTERFACES.md); 1 for mapping errors.
int RunImportCsv(const ImportCsvCommand& command, std::ostream& out, std::ostream& err);
// The mapping format in brief, for `kairos import csv --help`.
extern const char* const kImportCsvHelp;

}  // namespace kairos::cli
