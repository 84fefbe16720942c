// Test doubles for the vty transport: a fake CLI session and a VtyServer running on its own
// io_context thread in a temporary directory.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "libcfn/vty/vty_connection.hpp"
#include "libcfn/vty/vty_server.hpp"

namespace cfn::vty::test {

// What every FakeConnection of one server did, readable from the test thread.
struct FakeStats {
  std::atomic<int> live{0};
  std::mutex mutex;
  std::vector<std::string> lines;  // every executed line, all sessions, in order
};

// A CLI session with two nodes (view, enable). Commands: "enable", "node" (prints the node),
// "echo TEXT", "big N" (N bytes of output), "do write terminal" (enable only); else kErrNoMatch.
class FakeConnection : public VtyConnection {
 public:
  explicit FakeConnection(FakeStats& stats);
  ~FakeConnection() override;
  VtyReply execute(std::string_view line) override;
  std::string prompt() const override;

 private:
  FakeStats& stats_;
  bool enabled_ = false;
};

// A VtyServer of FakeConnections whose io_context runs on a background thread.
class ServerHarness {
 public:
  ServerHarness();
  ~ServerHarness();

  // Runs `f` on the io_context thread and waits for it.
  void call(const std::function<void()>& f);
  // Runs `f(server)` on the io_context thread and returns its result.
  bool call_server(const std::function<bool(VtyServer&)>& f);
  // Polls `condition` until true (a 10 s cap only guards against a hang).
  static bool eventually(const std::function<bool()>& condition);

  std::string dir;          // fresh temporary directory, removed afterwards
  std::string socket_path;  // dir + "/bgpd.vty"
  FakeStats stats;

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  VtyServer server_;
  std::thread thread_;
};

// A raw blocking socket connected to `path`, with a 10 s receive timeout against hangs.
int connect_unix(const std::string& path);
int connect_tcp(std::uint16_t port);
void send_bytes(int fd, std::string_view bytes);
// Reads until the received bytes end with `suffix` (or EOF/timeout); returns what was read.
std::string read_until(int fd, std::string_view suffix);
// Reads until EOF (or timeout / reset); returns what was read.
std::string read_to_eof(int fd);

}  // namespace cfn::vty::test
