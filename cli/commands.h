// The subcommands of `kairos`. Each takes its parsed options and the output
// streams, and returns the exit status.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/dry_run.h"
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

struct SimulateCommand {
  DryRunOptions run;
  bool json = false;  // actions and summary as JSON lines
};
// Exit status 3 when the events file has bad lines (INTERFACES.md).
int RunSimulate(const SimulateCommand& command, std::ostream& out, std::ostream& err);

struct ExplainCommand {
  DryRunOptions run;
  std::string contact;
};
int RunExplain(const ExplainCommand& command, std::ostream& out, std::ostream& err);

struct DiffCommand {
  DryRunOptions run;  // its paths are unused: OLD and NEW below
  std::string old_path, new_path;
  size_t limit = 20;  // actions listed per side; 0 for all
};
int RunDiff(const DiffCommand& command, std::ostream& out, std::ostream& err);

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
