// Session: the load tool's side of a BGP connection, plain sockets and poll(2).
#include "bench/bgp_bench/session.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "bgpd-cfn/wire/open_check.hpp"

namespace cfn::bench {

namespace wire = bgp::wire;

namespace {

constexpr std::size_t kReadChunk = 256 * 1024;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

std::string errno_text(const char* call) {
  return std::string(call) + ": " + std::strerror(errno);
}

}  // namespace

std::string v4_text(std::uint32_t address) {
  return net::IpAddress::from_v4(address).to_string();
}

namespace {

std::string endpoints(const SessionConfig& config) {
  return (config.source ? v4_text(config.source) : std::string("*")) + " -> " +
         v4_text(config.remote);
}

}  // namespace

std::string Session::name() const {
  return endpoints(config_);
}

Session::~Session() {
  if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<Session> Session::establish(const SessionConfig& config,
                                            Clock::time_point deadline) {
  std::string last_error = "timed out";
  do {
    std::unique_ptr<Session> session(new Session(config));
    try {
      session->connect(deadline);
      session->handshake(deadline);
      return session;
    } catch (const std::runtime_error& e) {
      last_error = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  } while (Clock::now() < deadline);
  fail("no session " + endpoints(config) + ": " + last_error);
}

bool Session::wait(short events, Clock::time_point deadline) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) fail(errno_text("poll"));
  }
}

void Session::connect(Clock::time_point deadline) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) fail(errno_text("socket"));
  if (config_.source) {
    const sockaddr_in local = socket_address(config_.source, 0);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
      fail(errno_text("bind"));
  }
  const sockaddr_in remote = socket_address(config_.remote, config_.port);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&remote), sizeof remote) != 0 &&
      errno != EINPROGRESS)
    fail(errno_text("connect"));
  if (!wait(POLLOUT, deadline)) fail("connect: timed out");
  int error = 0;
  socklen_t length = sizeof error;
  ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &length);
  if (error != 0) fail(std::string("connect: ") + std::strerror(error));
}

sockaddr_in socket_address(std::uint32_t address, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(address);
  sa.sin_port = htons(port);
  return sa;
}

wire::Open session_open(const SessionConfig& config) {
  wire::Open open;
  open.my_as = wire::two_octet_as(config.local_as);
  open.hold_time = config.hold_time;
  open.bgp_identifier = config.router_id;
  open.capabilities.multiprotocol = {wire::kIpv4Unicast};
  open.capabilities.route_refresh = true;
  open.capabilities.four_octet_as = config.local_as;
  open.capabilities.extended_message = config.extended_message;
  return open;
}

// RFC 4271 8.2.2: OpenSent -> OpenConfirm on a valid OPEN, OpenConfirm -> Established on
// KEEPALIVE; a NOTIFICATION or a close on the way fails the attempt.
void Session::handshake(Clock::time_point deadline) {
  wire::Buffer bytes;
  wire::encode_open(bytes, session_open(config_));
  send(std::move(bytes));

  bool open_confirm = false;
  for (;;) {
    while (auto message = next_message()) {
      const wire::DecodeResult result = wire::decode_message(*message, decode_context_);
      if (const wire::Problem* problem = result.session_reset())
        fail("bad message from the peer: " + problem->reason);
      if (const auto* notification = std::get_if<wire::Notification>(&*result.message))
        fail("NOTIFICATION " + std::to_string(static_cast<int>(notification->code)) + "/" +
             std::to_string(notification->subcode));
      if (const auto* peer_open = std::get_if<wire::Open>(&*result.message)) {
        const wire::OpenExpectation expected{
            config_.local_as, config_.router_id,
            config_.peer_as ? wire::RemoteAsKind::kNumber : wire::RemoteAsKind::kExternal,
            config_.peer_as};
        if (auto problem = wire::check_open(*peer_open, expected)) fail(problem->reason);
        peer_as_ = peer_open->peer_as();
        hold_time_ = std::min(config_.hold_time, peer_open->hold_time);
        decode_context_.four_octet_as = peer_open->capabilities.four_octet_as.has_value();
        decode_context_.extended_message =
            config_.extended_message && peer_open->capabilities.extended_message;
        decode_context_.is_ebgp = peer_as_ != config_.local_as;
        wire::Buffer keepalive;
        wire::encode_keepalive(keepalive);
        send(std::move(keepalive));
        open_confirm = true;
      } else if (open_confirm && std::holds_alternative<wire::Keepalive>(*result.message)) {
        return;  // Established
      }
    }
    if (!wait(static_cast<short>(POLLIN | (pending_write() ? POLLOUT : 0)), deadline))
      fail("no OPEN / KEEPALIVE from the peer in time");
    write_some();
    if (!read_some()) fail("connection closed by the peer");
  }
}

void Session::send(wire::Buffer bytes) {
  last_queued_ = Clock::now();
  if (!pending_write()) {
    tx_ = std::move(bytes);
    tx_begin_ = 0;
  } else {
    tx_.insert(tx_.end(), bytes.begin(), bytes.end());
  }
}

void Session::write_some() {
  while (pending_write()) {
    const ssize_t n =
        ::send(fd_, tx_.data() + tx_begin_, tx_.size() - tx_begin_, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      fail(errno_text("send"));
    }
    tx_begin_ += static_cast<std::size_t>(n);
  }
  tx_.clear();
  tx_begin_ = 0;
}

bool Session::read_some() {
  if (rx_begin_ == rx_.size()) {
    rx_.clear();
    rx_begin_ = 0;
  } else if (rx_begin_ > kReadChunk) {
    rx_.erase(rx_.begin(), rx_.begin() + static_cast<long>(rx_begin_));
    rx_begin_ = 0;
  }
  const std::size_t old = rx_.size();
  rx_.resize(old + kReadChunk);
  const ssize_t n = ::recv(fd_, rx_.data() + old, kReadChunk, MSG_DONTWAIT);
  rx_.resize(old + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  if (n < 0 && errno != EAGAIN && errno != EINTR) fail(errno_text("recv"));
  return n != 0;
}

std::optional<std::span<const std::uint8_t>> Session::next_message() {
  const std::span<const std::uint8_t> stream(rx_.data() + rx_begin_, rx_.size() - rx_begin_);
  const wire::Frame frame = wire::frame_message(stream, decode_context_);
  if (frame.error) fail("framing: " + frame.error->reason);
  if (frame.length == 0 || frame.length > stream.size()) return std::nullopt;
  rx_begin_ += frame.length;
  return stream.first(frame.length);
}

void Session::keepalive_if_due(Clock::time_point now) {
  if (hold_time_ == 0 || pending_write() ||
      now - last_queued_ < std::chrono::seconds(hold_time_) / 3)
    return;
  wire::Buffer keepalive;
  wire::encode_keepalive(keepalive);
  send(std::move(keepalive));
}

void Session::shut_down() {
  if (pending_write()) return;  // mid-message: a NOTIFICATION cannot follow, just close
  wire::Buffer bytes;
  wire::encode_notification(
      bytes, {wire::ErrorCode::kCease, wire::cease::kAdministrativeShutdown, {}}, encode_context());
  send(std::move(bytes));
  try {
    write_some();
  } catch (const std::runtime_error&) {  // the peer is gone already
  }
}

}  // namespace cfn::bench
