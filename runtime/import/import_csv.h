// Offline sales and contacts (a shop's export, a till's file drop) turned into
// events: each CSV row is routed by the mapping's rules, rows of one group
// (the lines of one invoice) become one event, and the events are written as
// JSON Lines in the form runtime/events reads, sorted by time. With
// `[identify]`, each contact with an event also gets one `identify` event at
// its earliest row's time, written before its first event.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/import/mapping.h"

namespace kairos::runtime {

struct ImportRowError {
  int line = 0;  // 1-based line of the CSV file where the row starts
  std::string reason;
};

struct ImportStats {
  size_t rows = 0;                  // data rows read (the header excluded)
  size_t events = 0;                // events written, `identify` events included
  std::map<std::string, size_t> events_by_type;
  size_t no_contact = 0;            // rows skipped: no contact
  size_t skipped_by_rule = 0;       // rows skipped by a `[skip]` section
  size_t unmatched = 0;             // rows no section took
};

struct ImportResult {
  std::string events;                         // JSON Lines, by time, then by the group's first line
  std::vector<MappingError> mapping_errors;   // the header lacks a column the mapping reads
  std::vector<ImportRowError> errors;         // malformed rows, in line order; they are left out
  ImportStats stats;
};

// Converts `csv` (its first row is the header). When the header does not fit
// the mapping, `mapping_errors` says why and nothing is converted.
ImportResult ImportCsv(std::string_view csv, ImportMapping mapping);

}  // namespace kairos::runtime
