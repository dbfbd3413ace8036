// `kairos import csv`: a CSV export turned into JSON Lines events by a mapping
// file (docs/import.md); the conversion is runtime/import's.
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "runtime/import/import_csv.h"

namespace kairos::cli {
namespace {

constexpr int kExitBadRows = 3;

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::stringstream buffer;
  buffer << file.rdbuf();
  text = buffer.str();
  return true;
}

void PrintMappingErrors(std::ostream& err, const std::string& file,
                        const std::vector<runtime::MappingError>& errors) {
  for (const runtime::MappingError& error : errors) {
    err << file;
    if (error.line > 0) err << ":" << error.line;
    err << ": error: " << error.reason << "\n";
  }
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

const char* const kImportCsvHelp = R"(The mapping file (docs/import.md):

  [rows]
  contact  = int(CustomerID)      # who; rows without one are skipped
  at       = time(InvoiceDate, "%Y-%m-%d %H:%M:%S", "Europe/London")
  group_by = InvoiceNo            # rows with one value make one event
  currency = "GBP"                # for money(...) without a currency

  [skip]                          # rows to leave out (first section that matches wins)
  when = InvoiceNo starts_with "C"

  [event order_placed]            # the event type; `when` may route rows here
  order_id       = InvoiceNo      # a column's text (`Customer ID` for odd names)
  total          = money(sum(Quantity * UnitPrice))
  channel        = "online"       # a fixed text
  items.sku      = StockCode      # a list: one record per row of the group
  items.quantity = int(Quantity)

  [identify]                      # optional: one identify per contact, before its
  created_at    = time(InvoiceDate, "%Y-%m-%d %H:%M:%S")  # first event, from its
  consent.email = true            # earliest row; `record.field` for a record

Values: COLUMN, "text", 5.7, true, false, int(v), decimal(v),
money(v[, "GBP" | COLUMN]), time(COLUMN, "FORMAT"[, "ZONE"]), concat(v, v, ...),
v * v, sum(v), count(). Conditions:
COLUMN ==|!=|starts_with|ends_with|contains "text", joined by `and`, `not` before one.

Exit status: 0; 1 when the mapping has errors; 2 when a file cannot be read;
3 when some rows are malformed (each reported as FILE:LINE: error: reason; the
other rows are still converted).)";

int RunImportCsv(const ImportCsvCommand& command, std::ostream& out, std::ostream& err) {
  std::string csv, mapping_text;
  if (!ReadFile(command.file, csv)) {
    err << "error: cannot read the CSV file `" << command.file << "`\n";
    return kExitUsage;
  }
  if (!ReadFile(command.mapping, mapping_text)) {
    err << "error: cannot read the mapping file `" << command.mapping << "`\n";
    return kExitUsage;
  }
  std::vector<runtime::MappingError> mapping_errors;
  runtime::ImportMapping mapping = runtime::ParseMapping(mapping_text, mapping_errors);
  if (!mapping_errors.empty()) {
    PrintMappingErrors(err, command.mapping, mapping_errors);
    return kExitErrors;
  }
  const runtime::ImportResult result = runtime::ImportCsv(csv, std::move(mapping));
  if (!result.mapping_errors.empty()) {
    PrintMappingErrors(err, command.mapping, result.mapping_errors);
    return kExitErrors;
  }
  for (const runtime::ImportRowError& error : result.errors) {
    err << command.file << ":" << error.line << ": error: " << error.reason << "\n";
  }

  if (command.output.empty() || command.output == "-") {
    out << result.events;
  } else {
    std::ofstream file(command.output, std::ios::binary | std::ios::trunc);
    file << result.events;
    file.close();
    if (!file) {
      err << "error: cannot write `" << command.output << "`\n";
      return kExitUsage;
    }
  }

  const runtime::ImportStats& stats = result.stats;
  std::string by_type;
  for (const auto& [type, count] : stats.events_by_type) {
    by_type += (by_type.empty() ? " (" : ", ") + std::to_string(count) + " " + type;
  }
  if (!by_type.empty()) by_type += ")";
  err << Plural(stats.rows, "row", "rows") << " read, " << Plural(stats.events, "event", "events") << " written"
      << by_type << "; skipped: " << stats.no_contact << " without a contact, " << stats.skipped_by_rule
      << " by [skip], " << stats.unmatched << " matching no section; " << Plural(result.errors.size(), "bad row", "bad rows")
      << "\n";
  return result.errors.empty() ? kExitOk : kExitBadRows;
}

}  // namespace kairos::cli
