// bgp_load's `probe` mode: one scripted BGP session that sends raw (possibly malformed)
// messages over a live session and reports what the peer did, as one JSON line.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bgp_bench/session.hpp"
#include "bgpd-cfn/wire/messages.hpp"

namespace cfn::bench {

struct ProbeConfig {
  SessionConfig session;              // session.source is also the NEXT_HOP of the announcements
  std::vector<std::uint8_t> open;     // a whole raw message sent instead of our OPEN; empty: ours
  std::vector<net::Prefix> announce;  // IPv4 prefixes, announced once Established
  std::vector<std::vector<std::uint8_t>> send;  // whole raw messages, sent 1 s later
  std::chrono::seconds wait{3};                 // how long the session is kept afterwards
  std::chrono::seconds connect_timeout{30};     // connection attempts stop after this
};

// What the peer did. Counts are of messages received after the session reached Established.
struct ProbeReport {
  bool established = false;
  std::optional<bgp::wire::Notification> notification;  // the first one received
  bool closed_by_peer = false;
  std::uint64_t updates_received = 0;
  std::uint64_t keepalives_received = 0;
};

// Connects (retrying while the peer refuses, or closes before sending anything), sends our
// OPEN or config.open and completes the OPEN / KEEPALIVE exchange (RFC 4271 8.2.2), announces
// config.announce (ORIGIN IGP, AS_PATH [local AS], NEXT_HOP = source), waits 1 s, sends each
// config.send message, then keeps the session with KEEPALIVEs for config.wait. Stops early when
// the peer closes (after a NOTIFICATION: once it closed, or 2 s later) or `stop` is set. Closes
// with Cease / Administrative Shutdown while the session is still up. Throws
// std::runtime_error on a local socket error or a message from the peer that cannot be framed.
ProbeReport run_probe(const ProbeConfig& config, const volatile std::sig_atomic_t& stop);

// "ff00A1" -> {0xff, 0x00, 0xa1}; nullopt unless an even, non-zero number of hex digits.
std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text);

// The report as one JSON line (no newline): {"established": bool, "notification":
// {"code": C, "subcode": S, "data": "hex"} | null, "closed_by_peer": bool,
// "updates_received": N, "keepalives_received": N}.
std::string report_json(const ProbeReport& report);

}  // namespace cfn::bench
