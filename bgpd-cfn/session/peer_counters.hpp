// A BGP session's counters: messages by type each way, sessions established and dropped,
// when it last changed state and why it last went down (FRR's show fields).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cfn::bgp {

// Messages of each type, sent or received.
struct MessageCounts {
  std::uint64_t opens = 0, updates = 0, keepalives = 0, notifications = 0, route_refreshes = 0;
  std::uint64_t total() const {
    return opens + updates + keepalives + notifications + route_refreshes;
  }
};

struct PeerCounters {
  MessageCounts sent, received;
  std::uint32_t established = 0;                        // times the session reached Established
  std::uint32_t dropped = 0;                            // times it left Established
  std::chrono::steady_clock::time_point last_change{};  // into or out of Established
  std::chrono::system_clock::time_point established_at{};
  std::string last_reset;        // FRR's lastResetDueTo; empty: never
  std::string shutdown_message;  // the RFC 9003 text of the last Cease received
};

}  // namespace cfn::bgp
