#include "cli/driver.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "editor-support/lsp/server.h"

namespace kairos::cli {

namespace {

void AddFormatOption(CLI::App& command, DiagnosticsFormat& format) {
  command
      .add_option("--diagnostics-format", format, "How diagnostics are printed: text or json")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, DiagnosticsFormat>{{"text", DiagnosticsFormat::Text},
                                                   {"json", DiagnosticsFormat::Json}}));
}

// The options every dry run takes (simulate, explain, diff).
void AddDryRunOptions(CLI::App& command, DryRunOptions& run, bool with_paths) {
  if (with_paths) command.add_option("paths", run.paths, "The project folder or .journey files")->required();
  command.add_option("--events", run.events, "Recorded events as JSON Lines")->required();
  command.add_option("--from", run.from,
                     "RFC 3339: events before it only build the history; nothing runs before it");
  command.add_option("--to", run.to, "RFC 3339: run the clock on to this instant after the last event");
  command.add_option("--engine", run.engine,
                     "interp (the reference interpreter), jit (native code) or auto (the default)");
  command.add_option("--catalog", run.catalog,
                     "Product catalogue CSV (default: the project folder's catalog.csv, when present)");
  command.add_flag("--strict", run.strict, "Stop at the first bad event line");
  AddFormatOption(command, run.format);
}

}  // namespace

int RunKairos(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Kairos: marketing automation for online shops, written in the Journey language",
               "kairos"};
  app.require_subcommand(1);

  CheckCommand check;
  CLI::App* check_app = app.add_subcommand("check", "Parse and type-check a project or files");
  check_app->add_option("paths", check.paths, "Project folders or .journey files")->required();
  check_app->add_flag("--summary", check.summary, "Also print what the project declares");
  AddFormatOption(*check_app, check.format);

  FmtCommand fmt;
  CLI::App* fmt_app = app.add_subcommand("fmt", "Format files in the canonical layout");
  fmt_app->add_option("paths", fmt.paths, "Project folders or .journey files")->required();
  fmt_app->add_flag("--check", fmt.check, "Only report files that would change (exit 1)");
  fmt_app->add_flag("--stdout", fmt.print, "Print the formatted text instead of writing files");
  AddFormatOption(*fmt_app, fmt.format);

  CompileCommand compile;
  CLI::App* compile_app = app.add_subcommand("compile", "Print the output of a compiler phase");
  compile_app->add_option("paths", compile.paths, "Project folders or .journey files")->required();
  compile_app->add_option("--emit", compile.emit, "The phase to print")
      ->required()
      ->check(CLI::IsMember({"ast", "ir", "llvm"}));
  AddFormatOption(*compile_app, compile.format);

  SegmentCommand segment;
  CLI::App* segment_app = app.add_subcommand("segment", "List the contacts in a segment at an instant");
  segment_app->add_option("paths", segment.paths, "Project folders or .journey files")->required();
  segment_app->add_option("--events", segment.events, "Events as JSON Lines")->required();
  segment_app->add_option("--name", segment.name,
                          "The segment, with its arguments when it has parameters: 'browsers(\"shoes\")'")
      ->required();
  segment_app->add_option("--at", segment.at, "The instant, RFC 3339 (default: the last event's time)");
  segment_app->add_option("--engine", segment.engine,
                          "interp (the reference interpreter), jit (native code) or auto (interpret, then "
                          "compile once hot; the default)");
  segment_app->add_flag("--strict", segment.strict, "Stop at the first bad event line");
  AddFormatOption(*segment_app, segment.format);

  SimulateCommand simulate;
  simulate.run.progress = true;
  CLI::App* simulate_app =
      app.add_subcommand("simulate", "Dry run: what the project would do on recorded events, then a summary");
  AddDryRunOptions(*simulate_app, simulate.run, true);
  simulate_app->add_flag("--json", simulate.json, "Actions and the summary as JSON lines");

  ExplainCommand explain;
  CLI::App* explain_app = app.add_subcommand("explain", "The story of one contact in a dry run, with the reasons");
  AddDryRunOptions(*explain_app, explain.run, true);
  explain_app->add_option("--contact", explain.contact, "The contact's id")->required();

  DiffCommand diff;
  CLI::App* diff_app =
      app.add_subcommand("diff", "What two versions of a project do differently on the same events");
  diff_app->add_option("old", diff.old_path, "The old project folder")->required();
  diff_app->add_option("new", diff.new_path, "The new project folder")->required();
  AddDryRunOptions(*diff_app, diff.run, false);
  diff_app->add_option("--limit", diff.limit, "Differing actions listed per side (0: all; default 20)");

  ImportCsvCommand import_csv;
  CLI::App* import_app = app.add_subcommand("import", "Turn offline data (a shop's export) into events");
  import_app->require_subcommand(1);
  CLI::App* import_csv_app = import_app->add_subcommand("csv", "Convert a CSV file to JSON Lines events by a mapping");
  import_csv_app->add_option("file", import_csv.file, "The CSV file (first row: the column names)")->required();
  import_csv_app->add_option("--mapping", import_csv.mapping, "The mapping file (docs/import.md)")->required();
  import_csv_app->add_option("-o,--output", import_csv.output, "Where to write the events (default: stdout)");
  import_csv_app->footer(kImportCsvHelp);

  CLI::App* lsp_app = app.add_subcommand("lsp", "Serve the Journey language server over stdio");
  // Editors pass `--stdio`; it is the only transport, so it is accepted and ignored.
  bool stdio = true;
  lsp_app->add_flag("--stdio", stdio, "Use standard input and output (the default)");

  // CLI11 wants argv order with the last argument first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error, out, err);
    return status == 0 ? kExitOk : kExitUsage;
  }

  if (check_app->parsed()) return RunCheck(check, out, err);
  if (fmt_app->parsed()) return RunFmt(fmt, out, err);
  if (compile_app->parsed()) return RunCompile(compile, out, err);
  if (segment_app->parsed()) return RunSegment(segment, out, err);
  if (simulate_app->parsed()) return RunSimulate(simulate, out, err);
  if (explain_app->parsed()) return RunExplain(explain, out, err);
  if (diff_app->parsed()) return RunDiff(diff, out, err);
  if (import_csv_app->parsed()) return RunImportCsv(import_csv, out, err);
  if (lsp_app->parsed()) return lsp::RunServer(std::cin, out);
  return kExitUsage;
}

}  // namespace kairos::cli
