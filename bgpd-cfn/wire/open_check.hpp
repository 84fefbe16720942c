// Session checks of a received OPEN against the local configuration (RFC 4271 6.2 Bad Peer
// AS, RFC 6286 2.2 Bad BGP Identifier); the syntax checks are decode_message's.
#pragma once

#include <cstdint>
#include <optional>

#include "bgpd-cfn/wire/decode.hpp"

namespace cfn::bgp::wire {

// FRR's `neighbor X remote-as N|internal|external`.
enum class RemoteAsKind : std::uint8_t { kNumber, kInternal, kExternal };

struct OpenExpectation {
  std::uint32_t local_as = 0;
  std::uint32_t local_identifier = 0;  // host order
  RemoteAsKind remote_as_kind = RemoteAsKind::kNumber;
  std::uint32_t remote_as = 0;  // for kNumber
  bool operator==(const OpenExpectation&) const = default;
};

// A session reset problem, or nullopt when the OPEN is acceptable.
std::optional<Problem> check_open(const Open& open, const OpenExpectation& expected);

}  // namespace cfn::bgp::wire
