// Probe: the probe mode's one session over a plain TCP socket and poll(2) timeouts; what it
// sends is built with the wire codec (or given raw), what comes back is decoded with it.
#include "bench/bgp_bench/probe.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>

#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/encode.hpp"
#include "bgpd-cfn/wire/open_check.hpp"

namespace cfn::bench {

namespace wire = bgp::wire;

namespace {

using Clock = std::chrono::steady_clock;
using Bytes = std::vector<std::uint8_t>;

constexpr auto kRetryInterval = std::chrono::milliseconds(200);
constexpr auto kSettle = std::chrono::seconds(1);      // announcements -> raw messages
constexpr auto kCloseGrace = std::chrono::seconds(2);  // NOTIFICATION -> the peer's close
constexpr auto kHandshakeTime = std::chrono::seconds(10);
constexpr std::size_t kReadChunk = 64 * 1024;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

std::string errno_text(const char* call) {
  return std::string(call) + ": " + std::strerror(errno);
}

int poll_timeout_ms(Clock::time_point until) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1000));
}

// One TCP connection: whole writes, reads cut into whole messages (wire::frame_message).
class Connection {
 public:
  enum class Read { kMessage, kTimeout, kClosed };

  // A connected socket, or nullptr when the attempt was refused, reset or timed out.
  static std::unique_ptr<Connection> open(const SessionConfig& config, Clock::time_point deadline) {
    std::unique_ptr<Connection> c(
        new Connection(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)));
    if (c->fd_ < 0) fail(errno_text("socket"));
    const sockaddr_in local = socket_address(config.source, 0);
    if (::bind(c->fd_, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
      fail(errno_text("bind"));
    const sockaddr_in remote = socket_address(config.remote, config.port);
    if (::connect(c->fd_, reinterpret_cast<const sockaddr*>(&remote), sizeof remote) != 0 &&
        errno != EINPROGRESS)
      return nullptr;
    while (!c->poll_for(POLLOUT, deadline)) {
      if (Clock::now() >= deadline) return nullptr;
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(c->fd_, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) return nullptr;
    ::fcntl(c->fd_, F_SETFL, ::fcntl(c->fd_, F_GETFL) & ~O_NONBLOCK);  // whole blocking writes
    return c;
  }
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Writes all of `bytes`. A peer that is gone (EPIPE, ECONNRESET) shows as kClosed on read.
  void send(std::span<const std::uint8_t> bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) return;
      if (n < 0) fail(errno_text("send"));
      bytes = bytes.subspan(static_cast<std::size_t>(n));
    }
  }

  // The next whole message into `message`, unless `until` passes or the peer closes first.
  Read next(Clock::time_point until, const wire::DecodeContext& context, Bytes& message) {
    for (;;) {
      const wire::Frame frame = wire::frame_message(rx_, context);
      if (frame.error) fail("framing the peer's stream: " + frame.error->reason);
      if (frame.length != 0 && frame.length <= rx_.size()) {
        message.assign(rx_.begin(), rx_.begin() + static_cast<long>(frame.length));
        rx_.erase(rx_.begin(), rx_.begin() + static_cast<long>(frame.length));
        return Read::kMessage;
      }
      if (!poll_for(POLLIN, until)) {
        if (Clock::now() >= until) return Read::kTimeout;
        continue;
      }
      const std::size_t old = rx_.size();
      rx_.resize(old + kReadChunk);
      const ssize_t n = ::recv(fd_, rx_.data() + old, kReadChunk, MSG_DONTWAIT);
      rx_.resize(old + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
      if (n == 0 || (n < 0 && errno == ECONNRESET)) return Read::kClosed;
      if (n < 0 && errno != EAGAIN && errno != EINTR) fail(errno_text("recv"));
    }
  }

 private:
  explicit Connection(int fd) : fd_(fd) {}

  // True when `events` (or an error / hang-up) are ready before `until` (at most 1 s waited).
  bool poll_for(short events, Clock::time_point until) const {
    pollfd p{fd_, events, 0};
    const int n = ::poll(&p, 1, poll_timeout_ms(until));
    if (n < 0 && errno != EINTR) fail(errno_text("poll"));
    return n > 0;
  }

  int fd_;
  Bytes rx_;
};

wire::MessageType message_type(std::span<const std::uint8_t> message) {
  return static_cast<wire::MessageType>(message[wire::kHeaderSize - 1]);
}

Bytes encoded_open(const SessionConfig& config) {
  Bytes bytes;
  wire::encode_open(bytes, session_open(config));
  return bytes;
}

class Probe {
 public:
  Probe(const ProbeConfig& config, const volatile std::sig_atomic_t& stop)
      : config_(config),
        stop_(stop),
        open_(config.open.empty() ? encoded_open(config.session) : config.open) {
    // What we offered: our OPEN, or what the raw one says (nothing when it does not decode).
    const wire::DecodeResult ours = wire::decode_message(open_, wire::DecodeContext{});
    if (ours.message && std::holds_alternative<wire::Open>(*ours.message))
      our_open_ = std::get<wire::Open>(*ours.message);
  }

  ProbeReport run() {
    if (!establish()) return report_;
    if (!config_.announce.empty()) connection_->send(announcement());
    pump(Clock::now() + kSettle);
    for (const Bytes& message : config_.send) {
      if (ended_) break;
      connection_->send(message);
    }
    pump(Clock::now() + config_.wait);
    if (!ended_) {
      Bytes bytes;
      wire::encode_notification(bytes,
                                {wire::ErrorCode::kCease, wire::cease::kAdministrativeShutdown, {}},
                                encode_context());
      connection_->send(bytes);
    }
    return report_;
  }

 private:
  enum class Handshake { kEstablished, kEnded, kRetry };

  // Attempts until one gets past "refused" or "closed before any message" (the peer backs off
  // after an error, RFC 4271 8.2.1.3) or the connect timeout passes.
  bool establish() {
    const auto deadline = Clock::now() + config_.connect_timeout;
    for (;;) {
      report_.closed_by_peer = false;
      connection_ = Connection::open(config_.session, deadline);
      const Handshake outcome = connection_
                                    ? handshake(std::max(deadline, Clock::now() + kHandshakeTime))
                                    : Handshake::kRetry;
      if (outcome != Handshake::kRetry) return outcome == Handshake::kEstablished;
      if (stop_ || Clock::now() + kRetryInterval >= deadline) return false;
      std::this_thread::sleep_for(kRetryInterval);
    }
  }

  // RFC 4271 8.2.2: OpenSent -> OpenConfirm on the peer's OPEN, -> Established on KEEPALIVE.
  Handshake handshake(Clock::time_point until) {
    connection_->send(open_);
    bool heard = false, open_confirm = false;
    Bytes message;
    while (!stop_) {
      const Connection::Read read = connection_->next(until, context_, message);
      if (read == Connection::Read::kTimeout) return Handshake::kEnded;
      if (read == Connection::Read::kClosed) {
        report_.closed_by_peer = true;
        return heard ? Handshake::kEnded : Handshake::kRetry;
      }
      heard = true;
      const wire::DecodeResult result = wire::decode_message(message, context_);
      if (!result.message) continue;  // not ours to judge
      if (const auto* notification = std::get_if<wire::Notification>(&*result.message)) {
        notified(*notification);
        return Handshake::kEnded;
      }
      if (const auto* open = std::get_if<wire::Open>(&*result.message)) {
        accept_open(*open);
        open_confirm = true;
      } else if (open_confirm && std::holds_alternative<wire::Keepalive>(*result.message)) {
        report_.established = true;
        next_keepalive_ = Clock::now() + keepalive_interval_;
        return Handshake::kEstablished;
      }
    }
    return Handshake::kEnded;
  }

  void accept_open(const wire::Open& open) {
    const SessionConfig& c = config_.session;
    const wire::OpenExpectation expected{
        c.local_as, c.router_id,
        c.peer_as ? wire::RemoteAsKind::kNumber : wire::RemoteAsKind::kExternal, c.peer_as};
    if (auto problem = wire::check_open(open, expected))
      fail("the peer's OPEN: " + problem->reason);
    context_.four_octet_as =
        open.capabilities.four_octet_as && our_open_.capabilities.four_octet_as;
    context_.is_ebgp = open.peer_as() != c.local_as;
    const auto hold = std::min(open.hold_time, our_open_.hold_time);  // RFC 4271 4.2
    keepalive_interval_ = std::chrono::seconds(hold / 3);
    Bytes keepalive;
    wire::encode_keepalive(keepalive);
    connection_->send(keepalive);
  }

  // Reads and counts until `until`, sending KEEPALIVEs (RFC 4271 4.4); returns early once the
  // session ended (a NOTIFICATION or a close).
  void pump(Clock::time_point until) {
    Bytes message;
    while (!ended_ && !stop_ && Clock::now() < until) {
      if (keepalive_interval_.count() > 0 && Clock::now() >= next_keepalive_) {
        Bytes keepalive;
        wire::encode_keepalive(keepalive);
        connection_->send(keepalive);
        next_keepalive_ = Clock::now() + keepalive_interval_;
      }
      const auto wake = keepalive_interval_.count() > 0 ? std::min(until, next_keepalive_) : until;
      const Connection::Read read = connection_->next(wake, context_, message);
      if (read == Connection::Read::kClosed) {
        report_.closed_by_peer = ended_ = true;
      } else if (read == Connection::Read::kMessage) {
        received(message);
      }
    }
  }

  void received(std::span<const std::uint8_t> message) {
    switch (message_type(message)) {
      case wire::MessageType::kUpdate:
        ++report_.updates_received;
        break;
      case wire::MessageType::kKeepalive:
        ++report_.keepalives_received;
        break;
      case wire::MessageType::kNotification: {
        const wire::DecodeResult result = wire::decode_message(message, context_);
        notified(result.message ? std::get<wire::Notification>(*result.message)
                                : wire::Notification{});
        break;
      }
      default:
        break;
    }
  }

  // RFC 4271 6: the sender closes the connection after a NOTIFICATION; waits for that.
  void notified(const wire::Notification& notification) {
    if (!report_.notification) report_.notification = notification;
    ended_ = true;
    const auto until = Clock::now() + kCloseGrace;
    Bytes message;
    for (;;) {
      const Connection::Read read = connection_->next(until, context_, message);
      if (read == Connection::Read::kTimeout) return;
      if (read == Connection::Read::kClosed) {
        report_.closed_by_peer = true;
        return;
      }
    }
  }

  Bytes announcement() const {
    const SessionConfig& c = config_.session;
    wire::Update update;
    update.attributes.origin = wire::Origin::kIgp;
    update.attributes.as_path =
        wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, {c.local_as}}}};
    update.attributes.next_hop = net::IpAddress::from_v4(c.source);
    update.nlri = config_.announce;
    Bytes bytes;
    if (!wire::encode_update(bytes, update, encode_context()))
      fail("the announcements do not fit in one UPDATE");
    return bytes;
  }

  wire::EncodeContext encode_context() const { return {context_.four_octet_as, false}; }

  const ProbeConfig& config_;
  const volatile std::sig_atomic_t& stop_;
  const Bytes open_;
  wire::Open our_open_;
  std::unique_ptr<Connection> connection_;
  wire::DecodeContext context_;
  std::chrono::seconds keepalive_interval_{0};
  Clock::time_point next_keepalive_;
  bool ended_ = false;  // a NOTIFICATION came or the peer closed
  ProbeReport report_;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string hex_text(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

const char* json_bool(bool value) {
  return value ? "true" : "false";
}

}  // namespace

ProbeReport run_probe(const ProbeConfig& config, const volatile std::sig_atomic_t& stop) {
  return Probe(config, stop).run();
}

std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text) {
  if (text.empty() || text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_digit(text[i]), low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(high << 4 | low));
  }
  return out;
}

std::string report_json(const ProbeReport& report) {
  std::string notification = "null";
  if (const auto& n = report.notification) {
    notification = "{\"code\": " + std::to_string(static_cast<int>(n->code)) +
                   ", \"subcode\": " + std::to_string(n->subcode) + ", \"data\": \"" +
                   hex_text(n->data) + "\"}";
  }
  return std::string("{\"established\": ") + json_bool(report.established) +
         ", \"notification\": " + notification +
         ", \"closed_by_peer\": " + json_bool(report.closed_by_peer) +
         ", \"updates_received\": " + std::to_string(report.updates_received) +
         ", \"keepalives_received\": " + std::to_string(report.keepalives_received) + "}";
}

}  // namespace cfn::bench
