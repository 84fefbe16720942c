// Tests for write_file_atomically: content replaced, mode kept, no temp files left behind.
#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <filesystem>

#include "libcfn/core/atomic_file.hpp"
#include "tests/unit/core/temp_dir.hpp"

using cfn::core::write_file_atomically;
using cfn::core::test::read_file;
using cfn::core::test::TempDir;
using cfn::core::test::write_file;

namespace {

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::size_t entries_in(const TempDir& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir.path()),
                                                std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("a new file gets the content and mode 0640", "[core][atomic_file]") {
  const TempDir dir;
  const std::string path = dir.file("bgpd.conf");
  std::string error;
  REQUIRE(write_file_atomically(path, "router bgp 65001\n", error));
  CHECK(read_file(path) == "router bgp 65001\n");
  CHECK(mode_of(path) == 0640);
  CHECK(entries_in(dir) == 1);
}

TEST_CASE("a new file can ask for another mode", "[core][atomic_file]") {
  const TempDir dir;
  const std::string path = dir.file("x.pid");
  std::string error;
  REQUIRE(write_file_atomically(path, "1\n", error, 0644));
  CHECK(mode_of(path) == 0644);
}

TEST_CASE("replacing a file keeps its mode", "[core][atomic_file]") {
  const mode_t mode = GENERATE(mode_t{0600}, mode_t{0755}, mode_t{0444});
  CAPTURE(mode);
  const TempDir dir;
  const std::string path = dir.file("ospfd.conf");
  write_file(path, "old content that is longer than the new one\n");
  REQUIRE(::chmod(path.c_str(), mode) == 0);
  std::string error;
  REQUIRE(write_file_atomically(path, "new\n", error));
  CHECK(read_file(path) == "new\n");
  CHECK(mode_of(path) == mode);
  CHECK(entries_in(dir) == 1);
}

TEST_CASE("empty and large contents are written whole", "[core][atomic_file]") {
  const TempDir dir;
  const std::string path = dir.file("data");
  std::string error;
  REQUIRE(write_file_atomically(path, "", error));
  CHECK(read_file(path).empty());
  const std::string large(3 * 1024 * 1024 + 17, 'x');
  REQUIRE(write_file_atomically(path, large, error));
  CHECK(read_file(path) == large);
}

TEST_CASE("failures report an error and leave nothing behind", "[core][atomic_file]") {
  const TempDir dir;
  std::string error;
  SECTION("missing directory") {
    CHECK_FALSE(write_file_atomically(dir.file("missing/file"), "x", error));
    CHECK(error.find("missing/file") != std::string::npos);
    CHECK(entries_in(dir) == 0);
  }
  SECTION("target is a non-empty directory") {
    const std::string target = dir.file("sub");
    std::filesystem::create_directory(target);
    write_file(dir.file("sub/keep"), "keep");
    CHECK_FALSE(write_file_atomically(target, "x", error));
    CHECK_FALSE(error.empty());
    CHECK(entries_in(dir) == 1);
    CHECK(read_file(dir.file("sub/keep")) == "keep");
  }
}
