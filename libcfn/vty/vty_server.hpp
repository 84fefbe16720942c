// The daemon side of the vty: accepts clients on FRR's Unix vty socket (and optionally a
// telnet TCP port) and gives each one its own VtyConnection, all on one io_context.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "libcfn/vty/vty_connection.hpp"
#include "libcfn/vty/vty_session.hpp"

namespace cfn::vty {

class VtyServer {
 public:
  VtyServer(boost::asio::io_context& io, VtyConnectionFactory factory);
  ~VtyServer();
  VtyServer(const VtyServer&) = delete;
  VtyServer& operator=(const VtyServer&) = delete;

  // Serves FRR's vty protocol on the Unix socket `path` (e.g. /var/run/cfn/bgpd.vty): creates
  // the directory (0755) if missing, replaces a stale socket file, refuses one a live server
  // holds or a path that is not a socket. The socket gets mode 0770, as FRR's.
  bool listen_unix(const std::string& path, std::string& error);
  // Serves the plain-text telnet vty (FRR's -A ADDR -P PORT); port 0 picks a free port.
  bool listen_tcp(const std::string& address, std::uint16_t port, std::string& error);
  // The bound TCP port, 0 when not listening on TCP.
  std::uint16_t tcp_port() const;

  // Stops accepting, closes every client and removes the Unix socket file it created.
  void close();

 private:
  // Stops the Unix listener and removes its socket file.
  void close_unix();
  template <class Acceptor>
  void accept(Acceptor& acceptor, VtySession::Protocol protocol);

  boost::asio::io_context& io_;
  VtyConnectionFactory factory_;
  boost::asio::local::stream_protocol::acceptor unix_acceptor_;
  boost::asio::ip::tcp::acceptor tcp_acceptor_;
  std::string unix_path_;
  std::vector<std::weak_ptr<VtySession>> sessions_;
  // Completion handlers hold a weak_ptr to this, so one that runs after destruction does nothing.
  std::shared_ptr<VtyServer*> self_;
};

}  // namespace cfn::vty
