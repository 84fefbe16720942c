// Tests for Pidfile: write, refuse a live owner, replace a stale file, remove on destruction.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>

#include "libcfn/core/pidfile.hpp"
#include "tests/unit/core/temp_dir.hpp"

using cfn::core::Pidfile;
using cfn::core::test::read_file;
using cfn::core::test::TempDir;
using cfn::core::test::write_file;

namespace {

std::string our_pid_line() {
  return std::to_string(::getpid()) + "\n";
}

// A child process that lives until the object goes away.
class LiveChild {
 public:
  LiveChild() : pid_(::fork()) {
    if (pid_ == 0) {
      ::pause();
      ::_exit(0);
    }
    REQUIRE(pid_ > 0);
  }
  ~LiveChild() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_;
};

// The pid of a process that has exited and been reaped.
pid_t dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  REQUIRE(pid > 0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

}  // namespace

TEST_CASE("pidfile holds our pid and is removed on destruction", "[core][pidfile]") {
  const TempDir dir;
  const std::string path = dir.file("bgpd.pid");
  std::string error;
  {
    const auto pidfile = Pidfile::create(path, error);
    REQUIRE(pidfile);
    CHECK(pidfile->path() == path);
    CHECK(read_file(path) == our_pid_line());
  }
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("pidfile refuses a file naming a live process", "[core][pidfile]") {
  const TempDir dir;
  const std::string path = dir.file("bgpd.pid");
  const LiveChild child;
  write_file(path, std::to_string(child.pid()) + "\n");
  std::string error;
  CHECK_FALSE(Pidfile::create(path, error));
  CHECK(error.find(std::to_string(child.pid())) != std::string::npos);
  CHECK(read_file(path) == std::to_string(child.pid()) + "\n");
}

TEST_CASE("pidfile replaces a stale or unreadable file", "[core][pidfile]") {
  const TempDir dir;
  const std::string path = dir.file("ospfd.pid");
  const std::string content =
      GENERATE(std::to_string(dead_pid()) + "\n", std::string("garbage"), std::string(""),
               std::string("-1\n"), std::string("0"), std::string("12abc"));
  CAPTURE(content);
  write_file(path, content);
  std::string error;
  const auto pidfile = Pidfile::create(path, error);
  REQUIRE(pidfile);
  CHECK(read_file(path) == our_pid_line());
}

TEST_CASE("pidfile naming ourselves is rewritten", "[core][pidfile]") {
  const TempDir dir;
  const std::string path = dir.file("bgpd.pid");
  write_file(path, std::to_string(::getpid()));
  std::string error;
  CHECK(Pidfile::create(path, error));
}

TEST_CASE("pidfile ownership moves", "[core][pidfile]") {
  const TempDir dir;
  const std::string path = dir.file("bgpd.pid");
  std::string error;
  auto created = Pidfile::create(path, error);
  REQUIRE(created);
  {
    Pidfile moved(std::move(*created));
    created.reset();  // the moved-from object must not remove the file
    CHECK(std::filesystem::exists(path));
    CHECK(moved.path() == path);
  }
  CHECK_FALSE(std::filesystem::exists(path));

  const std::string other_path = dir.file("other.pid");
  auto target = Pidfile::create(other_path, error);
  auto source = Pidfile::create(path, error);
  REQUIRE(target);
  REQUIRE(source);
  *target = std::move(*source);  // releases other.pid, takes over bgpd.pid
  CHECK_FALSE(std::filesystem::exists(other_path));
  CHECK(target->path() == path);
  source.reset();
  CHECK(std::filesystem::exists(path));
}

TEST_CASE("pidfile is left alone once another process owns it", "[core][pidfile]") {
  const TempDir dir;
  const std::string path = dir.file("bgpd.pid");
  const LiveChild child;
  std::string error;
  {
    const auto pidfile = Pidfile::create(path, error);
    REQUIRE(pidfile);
    write_file(path, std::to_string(child.pid()) + "\n");
  }
  CHECK(std::filesystem::exists(path));
}

TEST_CASE("pidfile reports a path it cannot write", "[core][pidfile]") {
  const TempDir dir;
  std::string error;
  CHECK_FALSE(Pidfile::create(dir.file("missing/bgpd.pid"), error));
  CHECK(error.find("missing/bgpd.pid") != std::string::npos);
}
