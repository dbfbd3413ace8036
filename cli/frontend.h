// What every command that reads a project does first: load the files with the
// prelude, parse and check them, and print the diagnostics.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/check/check.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/project/project.h"
#include "stdlib/checked_project.h"

namespace kairos::cli {

// Exit statuses shared by the commands (INTERFACES.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitErrors = 1;  // project errors, or `fmt --check` found changes
inline constexpr int kExitUsage = 2;   // bad flags, unreadable paths

enum class DiagnosticsFormat { Text, Json };

using FrontendResult = stdlib::CheckedProject;

// Loads and checks the project at `paths`; `check` false stops after parsing.
std::unique_ptr<FrontendResult> RunFrontend(const std::vector<std::string>& paths, bool check);

void PrintDiagnostics(std::ostream& err, const DiagnosticSink& sink, DiagnosticsFormat format);

// The exit status for a front-end run: 2 on I/O failure, 1 on errors, else 0.
int FrontendExitStatus(const FrontendResult& result);

// True for the prelude's file, which commands do not print or format.
bool IsPrelude(const SourceFile& source);

}  // namespace kairos::cli
