// VtyServer and VtyClient over real sockets (Unix in a temp dir, TCP on 127.0.0.1) with a
// fake CLI session.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "libcfn/vty/vty_client.hpp"
#include "libcfn/vty/vty_framing.hpp"
#include "tests/unit/vty/vty_test_support.hpp"

using namespace std::string_literals;
using cfn::vty::VtyClient;
using cfn::vty::VtyServer;
using cfn::vty::VtyStatus;
using cfn::vty::test::ServerHarness;
namespace fs = std::filesystem;

namespace {

bool listen_unix(ServerHarness& harness, const std::string& path, std::string& error) {
  return harness.call_server([&](VtyServer& server) { return server.listen_unix(path, error); });
}

void require_listening(ServerHarness& harness) {
  std::string error;
  REQUIRE(listen_unix(harness, harness.socket_path, error));
  CHECK(error.empty());
}

std::unique_ptr<VtyClient> connect_client(const std::string& path) {
  auto client = std::make_unique<VtyClient>();
  std::string error;
  REQUIRE(client->connect(path, error));
  return client;
}

fs::perms permissions_of(const std::string& path) {
  return fs::status(path).permissions() & fs::perms::all;
}

}  // namespace

TEST_CASE("vty server answers pipelined commands in order", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  auto client = connect_client(harness.socket_path);

  const auto replies =
      client->execute_all({"echo a", "node", "enable", "node", "bad", "", "echo z"});
  REQUIRE(replies);
  REQUIRE(replies->size() == 7);
  CHECK((*replies)[0].output == "a\n");
  CHECK((*replies)[1].output == "view\n");
  CHECK((*replies)[2].output.empty());
  CHECK((*replies)[2].status == VtyStatus::kSuccess);
  CHECK((*replies)[3].output == "enable\n");
  CHECK((*replies)[4].status == VtyStatus::kErrNoMatch);
  CHECK((*replies)[4].output == "% Unknown command: bad\n");
  CHECK((*replies)[5].status == VtyStatus::kErrNoMatch);
  CHECK((*replies)[6].output == "z\n");

  const auto single = client->execute("node");
  REQUIRE(single);
  CHECK(single->output == "enable\n");
}

TEST_CASE("vty server reassembles commands sent byte by byte", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  const int fd = cfn::vty::test::connect_unix(harness.socket_path);
  for (const char c : "echo 1\0echo 2\0"s) cfn::vty::test::send_bytes(fd, std::string_view(&c, 1));
  const std::string received = cfn::vty::test::read_until(fd, "2\n\0\0\0\0"s);
  ::close(fd);
  CHECK(received == "1\n\0\0\0\0"s + "2\n\0\0\0\0"s);
}

TEST_CASE("vty server sends a 2 MB reply whole", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  auto client = connect_client(harness.socket_path);
  const auto reply = client->execute("big 2097152");
  REQUIRE(reply);
  CHECK(reply->output == std::string(2097152, 'x'));
  CHECK(client->execute("echo after")->output == "after\n");
}

TEST_CASE("vty clients have independent sessions", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  auto first = connect_client(harness.socket_path);
  auto second = connect_client(harness.socket_path);
  REQUIRE(first->execute("enable"));
  CHECK(second->execute("node")->output == "view\n");
  CHECK(first->execute("node")->output == "enable\n");
  CHECK(harness.stats.live == 2);
}

TEST_CASE("vty server survives a client that leaves mid-reply", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  const int fd = cfn::vty::test::connect_unix(harness.socket_path);
  cfn::vty::test::send_bytes(fd, "big 8388608\0echo never\0"s);
  ::close(fd);
  CHECK(ServerHarness::eventually([&] { return harness.stats.live == 0; }));

  auto client = connect_client(harness.socket_path);
  CHECK(client->execute("echo still here")->output == "still here\n");
}

TEST_CASE("vty server ignores an unterminated line before EOF", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  const int fd = cfn::vty::test::connect_unix(harness.socket_path);
  cfn::vty::test::send_bytes(fd, "echo a\0echo partial"s);
  ::shutdown(fd, SHUT_WR);
  const std::string received = cfn::vty::test::read_to_eof(fd);
  ::close(fd);
  CHECK(received == "a\n\0\0\0\0"s);
  const std::lock_guard lock(harness.stats.mutex);
  CHECK(harness.stats.lines == std::vector<std::string>{"echo a"});
}

TEST_CASE("vty server drops a client whose line is too long", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  auto client = connect_client(harness.socket_path);
  CHECK_FALSE(client->execute(std::string(cfn::vty::kMaxLineLength + 1, 'x')));
  CHECK_FALSE(client->connected());
  CHECK(ServerHarness::eventually([&] { return harness.stats.live == 0; }));
}

TEST_CASE("vty server creates the directory and sets FRR's modes", "[vty]") {
  ServerHarness harness;
  const std::string path = harness.dir + "/run/cfn/bgpd.vty";
  std::string error;
  REQUIRE(listen_unix(harness, path, error));
  CHECK(permissions_of(harness.dir + "/run/cfn") == fs::perms(0755));
  CHECK(permissions_of(path) == fs::perms(0770));
  CHECK(connect_client(path)->execute("echo ok")->output == "ok\n");
}

TEST_CASE("vty server close removes its socket and closes clients", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  auto client = connect_client(harness.socket_path);
  REQUIRE(client->execute("enable"));
  harness.call_server([](VtyServer& server) {
    server.close();
    return true;
  });
  CHECK_FALSE(fs::exists(harness.socket_path));
  CHECK_FALSE(client->execute("node"));
  CHECK(ServerHarness::eventually([&] { return harness.stats.live == 0; }));
}

TEST_CASE("vty server refuses a socket a live server holds", "[vty]") {
  ServerHarness harness;
  require_listening(harness);
  boost::asio::io_context other_io;
  VtyServer other(other_io, [] { return nullptr; });
  std::string error;
  CHECK_FALSE(other.listen_unix(harness.socket_path, error));
  CHECK_THAT(error, Catch::Contains("another server is listening"));
  CHECK(connect_client(harness.socket_path)->execute("echo alive")->output == "alive\n");
}

TEST_CASE("vty server replaces a stale socket but not other files", "[vty]") {
  ServerHarness harness;
  std::string error;

  SECTION("stale socket") {
    // A socket file whose server is gone: bound, never listened on, closed.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    harness.socket_path.copy(address.sun_path, sizeof(address.sun_path) - 1);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
    ::close(fd);
    REQUIRE(fs::is_socket(harness.socket_path));
    REQUIRE(listen_unix(harness, harness.socket_path, error));
    CHECK(connect_client(harness.socket_path)->execute("echo new")->output == "new\n");
  }
  SECTION("regular file") {
    std::ofstream(harness.socket_path) << "not a socket\n";
    CHECK_FALSE(listen_unix(harness, harness.socket_path, error));
    CHECK_THAT(error, Catch::Contains("not a socket"));
    CHECK(fs::is_regular_file(harness.socket_path));
  }
}

TEST_CASE("telnet vty: prompt, command, output, prompt", "[vty]") {
  ServerHarness harness;
  std::string error;
  std::uint16_t port = 0;
  REQUIRE(harness.call_server([&](VtyServer& server) {
    const bool ok = server.listen_tcp("127.0.0.1", 0, error);
    port = server.tcp_port();
    return ok;
  }));
  REQUIRE(port != 0);

  const int fd = cfn::vty::test::connect_tcp(port);
  CHECK(cfn::vty::test::read_until(fd, "r1> ") == "r1> ");
  cfn::vty::test::send_bytes(fd, "\xff\xfd\x03\xff\xfb\x01"s + "enable\r\n");
  CHECK(cfn::vty::test::read_until(fd, "r1# ") == "r1# ");
  cfn::vty::test::send_bytes(fd, "echo hi\r\nbad\n");
  CHECK(cfn::vty::test::read_until(fd, "bad\r\nr1# ") ==
        "hi\r\nr1# % Unknown command: bad\r\nr1# ");
  ::shutdown(fd, SHUT_WR);
  CHECK(cfn::vty::test::read_to_eof(fd).empty());
  ::close(fd);
  CHECK(ServerHarness::eventually([&] { return harness.stats.live == 0; }));
}

TEST_CASE("telnet vty rejects a bad address", "[vty]") {
  boost::asio::io_context io;
  VtyServer server(io, [] { return nullptr; });
  std::string error;
  CHECK_FALSE(server.listen_tcp("not-an-address", 0, error));
  CHECK_FALSE(error.empty());
  CHECK(server.tcp_port() == 0);
}
