// One vty client on the server side: reads command lines, runs them through its own
// VtyConnection in order and writes the framed replies (FRR's NUL protocol, or telnet).
#pragma once

#include <array>
#include <memory>
#include <string>

#include <boost/asio/generic/stream_protocol.hpp>

#include "libcfn/vty/vty_connection.hpp"
#include "libcfn/vty/vty_framing.hpp"

namespace cfn::vty {

class VtySession : public std::enable_shared_from_this<VtySession> {
 public:
  using Socket = boost::asio::generic::stream_protocol::socket;

  enum class Protocol {
    kFrr,     // Unix socket: "cmd\0" in, output + "\0\0\0" + status out
    kTelnet,  // TCP: prompt, "cmd\r\n" in, output + prompt out
  };

  VtySession(Socket socket, std::unique_ptr<VtyConnection> connection, Protocol protocol);

  // Starts the read/execute/write loop; the pending operations keep the session alive.
  void start();
  // Closes the socket; the pending operations end with operation_aborted.
  void close();

 private:
  void read();
  void on_read(std::size_t size);
  void write();

  Socket socket_;
  std::unique_ptr<VtyConnection> connection_;
  Protocol protocol_;
  RequestSplitter splitter_;
  TelnetFilter telnet_;
  std::array<char, 16 * 1024> read_buffer_{};
  std::string write_buffer_;
};

}  // namespace cfn::vty
