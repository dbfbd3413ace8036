// Stands in for Debian's antlr4-runtime/misc/InterpreterDataReader.h when
// clang builds the `fuzz` preset (see antlr_overlay.yaml). That header's
// inline `InterpreterData() {}` default-constructs a `dfa::Vocabulary`, whose
// const std::vector members clang (unlike GCC) will not default-initialise
// with libstdc++. Kairos never reads ANTLR interpreter data, so the type is
// only declared here.
#pragma once

#include "antlr4-common.h"

namespace antlr4::misc {

struct InterpreterData;

class ANTLR4CPP_PUBLIC InterpreterDataReader {
 public:
  static InterpreterData parseFile(std::string const& fileName);
};

}  // namespace antlr4::misc
