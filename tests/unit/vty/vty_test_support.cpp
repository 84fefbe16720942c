// Test doubles for the vty transport: the fake CLI session, the threaded server harness and
// raw-socket helpers.
#include "tests/unit/vty/vty_test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <stdexcept>

#include <boost/asio/post.hpp>

namespace cfn::vty::test {
namespace {

// The running configuration FakeConnection prints for "do write terminal".
constexpr const char* kFakeConfig =
    "!\n"
    "router bgp 65001\n"
    " neighbor 192.0.2.1 remote-as 65002\n"
    "exit\n"
    "!\n"
    "end\n";

std::string make_temp_dir() {
  std::string pattern = "/tmp/cfn-vty-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

void set_receive_timeout(int fd) {
  timeval timeout{};
  timeout.tv_sec = 10;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
}

int connect_to(int family, const sockaddr* address, socklen_t length) {
  const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || ::connect(fd, address, length) != 0) {
    throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
  }
  set_receive_timeout(fd);
  return fd;
}

// Receives while `more(received so far)` holds, until EOF, an error or the receive timeout.
std::string read_while(int fd, const std::function<bool(const std::string&)>& more) {
  std::string received;
  char buffer[4096];
  while (more(received)) {
    const ssize_t size = ::recv(fd, buffer, sizeof(buffer), 0);
    if (size <= 0) break;
    received.append(buffer, static_cast<std::size_t>(size));
  }
  return received;
}

}  // namespace

FakeConnection::FakeConnection(FakeStats& stats) : stats_(stats) {
  ++stats_.live;
}

FakeConnection::~FakeConnection() {
  --stats_.live;
}

VtyReply FakeConnection::execute(std::string_view line) {
  {
    const std::lock_guard lock(stats_.mutex);
    stats_.lines.emplace_back(line);
  }
  if (line == "enable") {
    enabled_ = true;
    return {};
  }
  if (line == "node") return {VtyStatus::kSuccess, enabled_ ? "enable\n" : "view\n"};
  if (line.starts_with("echo ")) return {VtyStatus::kSuccess, std::string(line.substr(5)) + "\n"};
  if (line.starts_with("big ")) {
    return {VtyStatus::kSuccess, std::string(std::stoul(std::string(line.substr(4))), 'x')};
  }
  if (line == "do write terminal" && enabled_) return {VtyStatus::kSuccess, kFakeConfig};
  return {VtyStatus::kErrNoMatch, "% Unknown command: " + std::string(line) + "\n"};
}

std::string FakeConnection::prompt() const {
  return enabled_ ? "r1# " : "r1> ";
}

ServerHarness::ServerHarness()
    : dir(make_temp_dir()),
      socket_path(dir + "/bgpd.vty"),
      work_(boost::asio::make_work_guard(io_)),
      server_(io_, [this] { return std::make_unique<FakeConnection>(stats); }),
      thread_([this] { io_.run(); }) {}

ServerHarness::~ServerHarness() {
  call([this] { server_.close(); });
  work_.reset();
  io_.stop();
  thread_.join();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

void ServerHarness::call(const std::function<void()>& f) {
  std::promise<void> done;
  boost::asio::post(io_, [&] {
    f();
    done.set_value();
  });
  done.get_future().wait();
}

bool ServerHarness::call_server(const std::function<bool(VtyServer&)>& f) {
  bool result = false;
  call([&] { result = f(server_); });
  return result;
}

bool ServerHarness::eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

int connect_unix(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  return connect_to(AF_UNIX, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
}

int connect_tcp(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return connect_to(AF_INET, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
}

void send_bytes(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) throw std::runtime_error(std::string("send: ") + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

std::string read_until(int fd, std::string_view suffix) {
  return read_while(fd, [&](const std::string& received) { return !received.ends_with(suffix); });
}

std::string read_to_eof(int fd) {
  return read_while(fd, [](const std::string&) { return true; });
}

}  // namespace cfn::vty::test
