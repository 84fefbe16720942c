// The daemon side of the vty: Unix and TCP listeners, stale-socket handling, and the list of
// live sessions that close() shuts down.
#include "libcfn/vty/vty_server.hpp"

#include <sys/stat.h>
#include <sys/un.h>

#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>

namespace cfn::vty {
namespace {

namespace fs = std::filesystem;
using LocalProtocol = boost::asio::local::stream_protocol;

// True unless a connect to `path` is refused, i.e. some process still accepts on it.
// Non-blocking, so a server with a full backlog reads as live instead of stalling us.
bool socket_is_live(boost::asio::io_context& io, const std::string& path) {
  LocalProtocol::socket probe(io);
  boost::system::error_code ec;
  probe.open(LocalProtocol(), ec);
  if (!ec) probe.non_blocking(true, ec);
  if (!ec) probe.connect(LocalProtocol::endpoint(path), ec);
  return ec != boost::asio::error::connection_refused;
}

// Makes `path` free for a new socket: creates its directory, removes a socket file left by a
// dead server, refuses a live one and anything that is not a socket.
bool prepare_socket_path(boost::asio::io_context& io, const std::string& path, std::string& error) {
  if (path.empty() || path.size() >= sizeof(sockaddr_un::sun_path)) {
    error = fmt::format("vty socket path '{}' is empty or too long", path);
    return false;
  }
  std::error_code ec;
  const fs::path dir = fs::path(path).parent_path();
  if (!dir.empty() && !fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (!ec) fs::permissions(dir, fs::perms(0755), ec);
    if (ec) {
      error = fmt::format("{}: cannot create directory: {}", dir.string(), ec.message());
      return false;
    }
  }
  const fs::file_status status = fs::symlink_status(path, ec);
  if (!fs::exists(status)) return true;
  if (!fs::is_socket(status)) {
    error = fmt::format("{}: exists and is not a socket", path);
    return false;
  }
  if (socket_is_live(io, path)) {
    error = fmt::format("{}: another server is listening on it", path);
    return false;
  }
  spdlog::info("vty: removing stale socket {}", path);
  if (!fs::remove(path, ec) && ec) {
    error = fmt::format("{}: cannot remove stale socket: {}", path, ec.message());
    return false;
  }
  return true;
}

template <class Acceptor>
bool bind_and_listen(Acceptor& acceptor, const typename Acceptor::endpoint_type& endpoint,
                     std::string& error) {
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = ec.message();
    boost::system::error_code ignored;
    acceptor.close(ignored);
    return false;
  }
  return true;
}

}  // namespace

VtyServer::VtyServer(boost::asio::io_context& io, VtyConnectionFactory factory)
    : io_(io),
      factory_(std::move(factory)),
      unix_acceptor_(io),
      tcp_acceptor_(io),
      self_(std::make_shared<VtyServer*>(this)) {}

VtyServer::~VtyServer() {
  close();
}

bool VtyServer::listen_unix(const std::string& path, std::string& error) {
  if (unix_acceptor_.is_open()) {
    error = fmt::format("vty already listening on {}", unix_path_);
    return false;
  }
  if (!prepare_socket_path(io_, path, error)) return false;
  if (!bind_and_listen(unix_acceptor_, LocalProtocol::endpoint(path), error)) {
    error = fmt::format("{}: {}", path, error);
    return false;
  }
  unix_path_ = path;
  if (::chmod(path.c_str(), 0770) != 0) {
    error = fmt::format("{}: chmod: {}", path, std::generic_category().message(errno));
    close_unix();
    return false;
  }
  accept(unix_acceptor_, VtySession::Protocol::kFrr);
  return true;
}

bool VtyServer::listen_tcp(const std::string& address, std::uint16_t port, std::string& error) {
  if (tcp_acceptor_.is_open()) {
    error = fmt::format("vty already listening on TCP port {}", tcp_port());
    return false;
  }
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(address, ec);
  if (ec) {
    error = fmt::format("vty address '{}': {}", address, ec.message());
    return false;
  }
  if (!bind_and_listen(tcp_acceptor_, boost::asio::ip::tcp::endpoint(ip, port), error)) {
    error = fmt::format("{} port {}: {}", address, port, error);
    return false;
  }
  accept(tcp_acceptor_, VtySession::Protocol::kTelnet);
  return true;
}

std::uint16_t VtyServer::tcp_port() const {
  boost::system::error_code ec;
  const auto endpoint = tcp_acceptor_.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void VtyServer::close() {
  close_unix();
  boost::system::error_code ignored;
  tcp_acceptor_.close(ignored);
  for (const auto& weak : sessions_) {
    if (const auto session = weak.lock()) session->close();
  }
  sessions_.clear();
}

void VtyServer::close_unix() {
  boost::system::error_code ignored;
  unix_acceptor_.close(ignored);
  if (!unix_path_.empty()) {
    std::error_code fs_ignored;
    fs::remove(unix_path_, fs_ignored);
    unix_path_.clear();
  }
}

template <class Acceptor>
void VtyServer::accept(Acceptor& acceptor, VtySession::Protocol protocol) {
  acceptor.async_accept(
      [weak = std::weak_ptr(self_), &acceptor, protocol](
          boost::system::error_code ec, typename Acceptor::protocol_type::socket socket) {
        const auto self = weak.lock();
        if (!self || ec == boost::asio::error::operation_aborted || !acceptor.is_open()) return;
        VtyServer& server = **self;
        if (ec) {
          spdlog::warn("vty: accept failed: {}", ec.message());
        } else {
          auto session = std::make_shared<VtySession>(VtySession::Socket(std::move(socket)),
                                                      server.factory_(), protocol);
          std::erase_if(server.sessions_, [](const auto& s) { return s.expired(); });
          server.sessions_.push_back(session);
          session->start();
        }
        server.accept(acceptor, protocol);
      });
}

}  // namespace cfn::vty
