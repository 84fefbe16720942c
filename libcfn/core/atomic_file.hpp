// Crash-safe file replacement: readers see either the old content or the new, never a mix.
#pragma once

#include <sys/types.h>
#include <string>
#include <string_view>

namespace cfn::core {

// Writes content to a temporary file in path's directory, fsyncs it, renames it over path
// and fsyncs the directory. The file keeps the mode of the one it replaces; a new file gets
// mode_if_new. On failure returns false, sets error and leaves path untouched.
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error,
                           mode_t mode_if_new = 0640);

}  // namespace cfn::core
