// check_open: the peer's AS against `remote-as`, and an internal peer's identifier against ours.
#include "bgpd-cfn/wire/open_check.hpp"

#include <string>

#include "bgpd-cfn/wire/decode_internal.hpp"

namespace cfn::bgp::wire {

std::optional<Problem> check_open(const Open& open, const OpenExpectation& expected) {
  const std::uint32_t peer_as = open.peer_as();
  const bool as_ok =
      expected.remote_as_kind == RemoteAsKind::kInternal   ? peer_as == expected.local_as
      : expected.remote_as_kind == RemoteAsKind::kExternal ? peer_as != expected.local_as
                                                           : peer_as == expected.remote_as;
  if (!as_ok) {
    // The data is the AS field that was wrong: the capability's 4 octets or the 2-octet field.
    const auto data =
        open.capabilities.four_octet_as ? detail::u32_data(peer_as) : detail::u16_data(open.my_as);
    return detail::make_problem(
        Action::kSessionReset, ErrorCode::kOpenMessage, open_error::kBadPeerAs, data,
        "OPEN: peer AS " + std::to_string(peer_as) + " is not the configured remote-as");
  }
  if (peer_as == expected.local_as && open.bgp_identifier == expected.local_identifier) {
    return detail::make_problem(
        Action::kSessionReset, ErrorCode::kOpenMessage, open_error::kBadBgpIdentifier,
        detail::u32_data(open.bgp_identifier), "OPEN: internal peer uses our BGP identifier");
  }
  return std::nullopt;
}

}  // namespace cfn::bgp::wire
