// The mapping of `kairos import csv` (docs/import.md): which column is the
// contact and which the time, how rows are grouped into events, which rows
// become which event type (or are skipped), and how columns become event
// fields. ParseMapping reads the mapping file; ResolveColumns ties its column
// names to a CSV header.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kairos::runtime {

// How one output value is computed from a row or, for `sum` and `count`, from
// the rows of a group.
struct MapExpr {
  enum class Kind {
    Column,   // text: the column's name
    Text,     // text: the literal
    Number,   // text: the literal as written, such as `5.7`
    Bool,     // text: `true` or `false`
    Concat,   // concat(args...): the arguments' texts joined
    Int,      // int(args[0])
    Decimal,  // decimal(args[0])
    Money,    // money(args[0]) in `text` (a literal currency) or in the column args[1]
    Time,     // time(args[0], "format", "zone"): text is the format, zone the zone
    Product,  // args[0] * args[1]
    Sum,      // sum(args[0]) over the group
    Count,    // count(): the group's rows
  };
  Kind kind = Kind::Text;
  std::string text;
  std::string zone;
  std::vector<MapExpr> args;
  int column = -1;     // Column: index in the CSV header, set by ResolveColumns
  int aggregate = -1;  // Sum, Count: index among the rule's aggregates
  int line = 0;        // in the mapping file
};

// `COLUMN op "text"`, possibly negated with `not`.
struct MapComparison {
  enum class Op { Equals, NotEquals, StartsWith, EndsWith, Contains };
  MapExpr column;
  Op op = Op::Equals;
  std::string text;
  bool negated = false;
};

// An event field: a value, or (`items.sku = ...`) a list with one record per row.
struct MapField {
  std::string name;
  MapExpr value;                   // when `record` is empty
  std::vector<MapField> record;    // the list's record fields, in mapping order
  int line = 0;
};

// A `[skip]` or `[event NAME]` section. Rows take the first section whose
// `when` holds (a section without `when` takes every row).
struct MapRule {
  bool skip = false;
  std::string event_type;
  std::vector<MapComparison> when;  // all must hold
  bool has_id = false;
  MapExpr id;                       // the event's idempotency id, when has_id
  std::vector<MapField> fields;
  int aggregates = 0;               // Sum and Count nodes in `fields`
  int line = 0;
};

// The `[identify]` section: one `identify` event per contact, before the
// contact's first event, with these traits computed on the contact's earliest
// row. A dotted key (`consent.email`) is a field of one record trait.
struct MapIdentify {
  std::vector<MapField> traits;
  int line = 0;
};

struct ImportMapping {
  char delimiter = ',';
  std::string currency;     // of `money(x)` without a currency
  MapExpr contact;
  MapExpr at;
  bool grouped = false;
  MapExpr group_by;
  std::vector<MapRule> rules;
  bool has_identify = false;
  MapIdentify identify;
};

struct MappingError {
  int line = 0;  // 1-based line of the mapping file; 0 for the file as a whole
  std::string reason;
};

// Parses a mapping file; every mistake is reported, with its line.
ImportMapping ParseMapping(std::string_view text, std::vector<MappingError>& errors);

// Sets each Column's index from the CSV header; a name the header lacks is an
// error (with a "did you mean").
void ResolveColumns(ImportMapping& mapping, const std::vector<std::string>& header,
                    std::vector<MappingError>& errors);

}  // namespace kairos::runtime
