// write_file_atomically: temp file + fsync + rename in the target's directory.
#include "libcfn/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cfn::core {
namespace {

std::string describe(std::string_view what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Makes the rename itself durable. Best effort: some file systems refuse fsync on a directory.
void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error,
                           mode_t mode_if_new) {
  struct stat existing {};
  const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? existing.st_mode & 07777 : mode_if_new;

  std::string temp = path + ".tmp.XXXXXX";  // mkostemp fills in the X's
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    error = describe("cannot create temporary file for", path);
    return false;
  }

  const bool written = ::fchmod(fd, mode) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || ::rename(temp.c_str(), path.c_str()) != 0) {
    if (!written) errno = write_errno;
    error = describe(!written  ? "cannot write"
                     : !closed ? "cannot close"
                               : "cannot rename onto",
                     path);
    ::unlink(temp.c_str());
    return false;
  }

  const std::string directory = std::filesystem::path(path).parent_path().string();
  sync_directory(directory.empty() ? "." : directory);
  return true;
}

}  // namespace cfn::core
