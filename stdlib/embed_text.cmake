# Writes INPUT's bytes into OUTPUT as a C++ string, so the prelude ships inside
# the binary and needs no file at run time.
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT}
  "// Generated from prelude.journey; do not edit.\n"
  "#include <string_view>\n"
  "namespace kairos::stdlib {\n"
  "extern const char kPreludeBytes[] = {${bytes} 0};\n"
  "extern const unsigned long kPreludeSize = sizeof(kPreludeBytes) - 1;\n"
  "}\n")
