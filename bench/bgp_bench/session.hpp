// One BGP session of the load tool over a plain non-blocking TCP socket: active connect with
// retries, the OPEN / KEEPALIVE exchange (RFC 4271 8), queued writes, framed reads, KEEPALIVEs.
// The caller polls fd() and calls write_some / read_some / next_message.
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/encode.hpp"

namespace cfn::bench {

struct SessionConfig {
  std::uint32_t remote = 0;  // host order
  std::uint16_t port = 179;
  std::uint32_t source = 0;  // host order; 0: the kernel chooses
  std::uint32_t local_as = 0;
  std::uint32_t peer_as = 0;    // 0: any external AS
  std::uint32_t router_id = 0;  // host order
  std::uint16_t hold_time = 180;
  bool extended_message = false;  // offer RFC 8654 (messages we send stay <= 4096 anyway)
};

class Session {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects and completes the handshake (OPEN with MP IPv4 unicast, route refresh, 4-octet
  // AS and optionally extended message). A refused connection, a NOTIFICATION or a close
  // before Established is retried every 200 ms until `deadline`; then std::runtime_error.
  static std::unique_ptr<Session> establish(const SessionConfig& config,
                                            Clock::time_point deadline);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  int fd() const { return fd_; }
  std::uint32_t peer_as() const { return peer_as_; }
  std::uint16_t hold_time() const { return hold_time_; }  // negotiated (RFC 4271 4.2)
  const bgp::wire::DecodeContext& decode_context() const { return decode_context_; }
  bgp::wire::EncodeContext encode_context() const {
    return {decode_context_.four_octet_as, decode_context_.extended_message};
  }
  std::string name() const;  // "source -> remote" for messages

  // Queues whole messages behind what is pending.
  void send(bgp::wire::Buffer bytes);
  bool pending_write() const { return tx_begin_ < tx_.size(); }
  // Writes what the socket takes now; throws std::runtime_error on a socket error.
  void write_some();
  // Reads what the socket has into the receive buffer. Returns false once the peer closed.
  bool read_some();
  // The next complete message in the receive buffer (valid until the next read_some), or
  // nullopt. Throws std::runtime_error on a framing error (RFC 4271 6.1).
  std::optional<std::span<const std::uint8_t>> next_message();
  // Queues a KEEPALIVE when nothing was queued for a third of the hold time (RFC 4271 4.4).
  void keepalive_if_due(Clock::time_point now);
  // Sends NOTIFICATION Cease / Administrative Shutdown as far as the socket takes it.
  void shut_down();

 private:
  explicit Session(const SessionConfig& config) : config_(config) {}
  void connect(Clock::time_point deadline);
  void handshake(Clock::time_point deadline);
  bool wait(short events, Clock::time_point deadline);  // false on timeout

  SessionConfig config_;
  int fd_ = -1;
  std::uint32_t peer_as_ = 0;
  std::uint16_t hold_time_ = 0;
  bgp::wire::DecodeContext decode_context_;
  std::vector<std::uint8_t> rx_;
  std::size_t rx_begin_ = 0;
  bgp::wire::Buffer tx_;
  std::size_t tx_begin_ = 0;
  Clock::time_point last_queued_;
};

// CLOCK_MONOTONIC in nanoseconds: the same clock in every process and network namespace.
inline long long mono_ns(Session::Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// "a.b.c.d" of a host-order IPv4 address.
std::string v4_text(std::uint32_t address);

// An IPv4 socket address (host-order address and port).
sockaddr_in socket_address(std::uint32_t address, std::uint16_t port);

// The OPEN a load session sends: IPv4 unicast, route refresh, 4-octet AS, and extended
// messages when configured.
bgp::wire::Open session_open(const SessionConfig& config);

}  // namespace cfn::bench
