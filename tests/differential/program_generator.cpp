#include "tests/differential/program_generator.h"

namespace kairos::differential {
namespace {

// Parameter types, each also as an optional.
const std::vector<std::pair<std::string, Type>>& ParamTypes() {
  static const std::vector<std::pair<std::string, Type>> kTypes = {
      {"int", Type::Int()},           {"decimal", Type::Decimal()},     {"money", Type::Money("ILS")},
      {"percent", Type::Percent()},   {"string", Type::String()},       {"duration", Type::Duration()},
      {"timestamp", Type::Timestamp()}, {"date", Type::Date()},         {"bool", Type::Bool()},
  };
  return kTypes;
}

}  // namespace

GeneratedProgram GenerateProgram(const SchemaModel& schema, const World& world, Choices& choices,
                                 const ProgramOptions& options) {
  GeneratedProgram program;
  program.source = SchemaText(world.timezone) + "\n";
  ExprGenerator generator(schema.schema(), world, choices);
  std::vector<Callable> callable;
  for (int i = 0; i < options.segments; ++i) {
    GeneratedSegment segment;
    segment.name = "seg_" + std::to_string(i);
    std::string header = "segment " + segment.name;
    if (choices.Chance(30)) {
      const int count = static_cast<int>(choices.Between(1, 3));
      header += "(";
      for (int p = 0; p < count; ++p) {
        const auto& [spelling, type] = choices.Pick(ParamTypes());
        const bool optional = choices.Chance(30);
        const std::string name = "arg_" + std::to_string(p);
        segment.params.push_back({name, optional ? Type::Optional(type) : type});
        header += (p > 0 ? ", " : "") + name + ": " + spelling + (optional ? "?" : "");
      }
      header += ")";
    }
    generator.SetContext(callable, segment.params);
    const Gen body = generator.Body(options.depth);
    segment.source = header + " =\n  " + body.text + "\n";
    program.source += segment.source;
    callable.push_back({segment.name, segment.params});
    program.segments.push_back(std::move(segment));
  }
  return program;
}

}  // namespace kairos::differential
