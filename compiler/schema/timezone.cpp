#include "compiler/schema/timezone.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace kairos {
namespace {

constexpr std::string_view kZoneInfoRoot = "/usr/share/zoneinfo";

// Compiled zone files start with this magic; the folder also holds tables
// (zone.tab, iso3166.tab) that are not zones.
bool IsZoneFile(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 4 && std::string_view(magic, 4) == "TZif";
}

bool IsZoneNameSyntax(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '+' || c == '/';
    if (!ok) return false;
  }
  if (name.find("//") != std::string_view::npos) return false;
  // Not the database's alternative trees, which hold the same zones under
  // other rules. ("." is refused above, so no path can climb out of the root.)
  for (std::string_view prefix : {"posix/", "right/"}) {
    if (name.substr(0, prefix.size()) == prefix) return false;
  }
  return name != "posixrules" && name != "localtime";
}

}  // namespace

bool IsIanaTimezone(std::string_view name) {
  if (!IsZoneNameSyntax(name)) return false;
  return IsZoneFile(std::filesystem::path(kZoneInfoRoot) / std::string(name));
}

std::vector<std::string> IanaTimezoneNames() {
  std::vector<std::string> names;
  std::error_code error;
  const std::filesystem::path root(kZoneInfoRoot);
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().lexically_relative(root).generic_string();
    if (IsZoneNameSyntax(name) && IsZoneFile(it->path())) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace kairos
