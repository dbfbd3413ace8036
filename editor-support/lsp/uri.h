// file:// URIs to paths and back (RFC 3986 percent-encoding).
#pragma once

#include <string>

namespace kairos::lsp {

// The path of a file URI; other schemes are returned unchanged so they still
// work as keys of in-memory buffers.
std::string UriToPath(const std::string& uri);
std::string PathToUri(const std::string& path);

}  // namespace kairos::lsp
