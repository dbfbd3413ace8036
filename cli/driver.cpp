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
      ->check(CLI::IsMember({"ast", "ir"}));
  AddFormatOption(*compile_app, compile.format);

  SegmentCommand segment;
  CLI::App* segment_app = app.add_subcommand("segment", "List the contacts in a segment at an instant");
  segment_app->add_option("paths", segment.paths, "Project folders or .journey files")->required();
  segment_app->add_option("--events", segment.events, "Events as JSON Lines")->required();
  segment_app->add_option("--name", segment.name, "The segment (without parameters)")->required();
  segment_app->add_option("--at", segment.at, "The instant, RFC 3339 (default: the last event's time)");
  segment_app->add_option("--engine", segment.engine, "The evaluator: interp");
  segment_app->add_flag("--strict", segment.strict, "Stop at the first bad event line");
  AddFormatOption(*segment_app, segment.format);

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
  if (lsp_app->parsed()) return lsp::RunServer(std::cin, out);
  return kExitUsage;
}

}  // namespace kairos::cli
