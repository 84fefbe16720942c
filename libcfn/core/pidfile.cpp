// Pidfile: live-process check with kill(pid, 0), atomic write, removal on destruction.
#include "libcfn/core/pidfile.hpp"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <iterator>
#include <utility>

#include "libcfn/core/atomic_file.hpp"

namespace cfn::core {
namespace {

// The pid a pid file names, if it holds a positive decimal number (a trailing newline is fine).
std::optional<pid_t> read_pid(const std::string& path) {
  std::ifstream in(path);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  pid_t pid = 0;
  const char* end = text.data() + text.size();
  const auto [last, ec] = std::from_chars(text.data(), end, pid);
  const bool rest_is_space =
      std::string_view(last, end).find_first_not_of(" \t\n") == std::string_view::npos;
  if (ec != std::errc() || pid <= 0 || !rest_is_space) return std::nullopt;
  return pid;
}

// EPERM means the process exists but belongs to someone else: still alive.
bool process_alive(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

std::optional<Pidfile> Pidfile::create(const std::string& path, std::string& error) {
  const auto existing = read_pid(path);
  if (existing && *existing != ::getpid() && process_alive(*existing)) {
    error = path + " names running process " + std::to_string(*existing);
    return std::nullopt;
  }
  if (!write_file_atomically(path, std::to_string(::getpid()) + "\n", error, 0644)) {
    return std::nullopt;
  }
  return Pidfile(path);
}

Pidfile::Pidfile(Pidfile&& other) noexcept : path_(std::exchange(other.path_, {})) {}

Pidfile& Pidfile::operator=(Pidfile&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

Pidfile::~Pidfile() {
  release();
}

void Pidfile::release() {
  if (!path_.empty() && read_pid(path_) == ::getpid()) ::unlink(path_.c_str());
  path_.clear();
}

}  // namespace cfn::core
