#include "compiler/template/template.h"

namespace kairos {

bool ParsedTemplate::has_placeholders() const {
  for (const TemplatePart& part : parts) {
    if (part.is_placeholder) return true;
  }
  return false;
}

std::string ParsedTemplate::FixedText() const {
  std::string text;
  for (const TemplatePart& part : parts) {
    if (!part.is_placeholder) text += part.text;
  }
  return text;
}

}  // namespace kairos
