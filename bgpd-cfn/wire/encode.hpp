// Pure BGP-4 message encoder: each function appends one complete message (header included)
// to a buffer. Toward a 2-octet peer it writes AS_TRANS and AS4_PATH / AS4_AGGREGATOR
// (RFC 6793 4.2.2).
#pragma once

#include <cstdint>
#include <vector>

#include "bgpd-cfn/wire/messages.hpp"

namespace cfn::bgp::wire {

using Buffer = std::vector<std::uint8_t>;

struct EncodeContext {
  bool four_octet_as = false;     // the peer is a 4-octet AS speaker (RFC 6793)
  bool extended_message = false;  // both sides support messages up to 65535 (RFC 8654)
};

// The functions returning bool leave `out` unchanged and return false when the message would
// exceed the maximum size (4096, or 65535 with extended messages; OPEN is always <= 4096).
bool encode_open(Buffer& out, const Open& open);
bool encode_update(Buffer& out, const Update& update, const EncodeContext& context);
bool encode_notification(Buffer& out, const Notification& notification,
                         const EncodeContext& context);
void encode_keepalive(Buffer& out);
void encode_route_refresh(Buffer& out, const RouteRefresh& route_refresh);
bool encode_message(Buffer& out, const Message& message, const EncodeContext& context);

}  // namespace cfn::bgp::wire
