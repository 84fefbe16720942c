// File reading for the collectors, and the record of which sources were present.
#include "libcfnmetric/collect/source_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cfn::metric {

namespace {

constexpr std::size_t kMaxFileSize = 1 << 20;

std::string errno_text(int error) {
  return error == ENOENT ? "missing" : std::strerror(error);
}

}  // namespace

Parsed<std::string> read_text_file(const std::filesystem::path& path) {
  // procfs and cgroupfs files report size 0, so read to end of file rather than stat first.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absent<std::string>(errno_text(errno));
  std::string text;
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      return absent<std::string>(errno_text(error));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxFileSize) {
      ::close(fd);
      return absent<std::string>("larger than 1 MiB");
    }
  }
  ::close(fd);
  return present(std::move(text));
}

void SourceLog::record(const std::filesystem::path& source, const std::string& reason) {
  statuses_.push_back({source.string(), reason.empty(), reason});
}

}  // namespace cfn::metric
