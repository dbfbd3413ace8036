// Random well-typed segments over the fixed schema of world.h, as source text
// for the real front end: comparisons, logic, `??` and `?.`, arithmetic of
// money, durations, instants, decimals and percents, `in`, history functions
// with `where` and every window, list functions with nested `it` and fields,
// parameterised segments called from later ones, date and time properties,
// `now` and `today`.
#pragma once

#include <string>
#include <vector>

#include "tests/differential/choices.h"
#include "tests/differential/expr_generator.h"
#include "tests/differential/world.h"

namespace kairos::differential {

struct GeneratedSegment {
  std::string name;
  std::vector<Param> params;
  std::string source;  // `segment name(params) = body`
};

struct GeneratedProgram {
  std::string source;  // the schema, then every segment
  std::vector<GeneratedSegment> segments;
};

struct ProgramOptions {
  int segments = 24;
  int depth = 4;  // of each body's expression tree, roughly
};

GeneratedProgram GenerateProgram(const SchemaModel& schema, const World& world, Choices& choices,
                                 const ProgramOptions& options);

}  // namespace kairos::differential
