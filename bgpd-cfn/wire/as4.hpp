// 4-octet AS numbers across 2-octet speakers (RFC 6793 4.2): merging AS4_PATH into AS_PATH on
// receipt, and the AS_TRANS path plus AS4_PATH to send.
#pragma once

#include "bgpd-cfn/wire/attributes.hpp"

namespace cfn::bgp::wire {

// RFC 6793 4.2.3: AS_PATH when it holds fewer ASes than AS4_PATH; otherwise its leading
// ASes (and leading confederation segments) followed by AS4_PATH, with the sequences at the
// seam joined while they fit in one segment.
AsPath merge_as4_path(const AsPath& as_path, const AsPath& as4_path);

// RFC 6793 4.2.2: the path with AS_TRANS for every AS above 65535.
AsPath as_trans_path(const AsPath& path);
// True when a 2-octet peer needs an AS4_PATH: some AS outside confederation segments is above
// 65535. The AS4_PATH sent is then the path without its confederation segments.
bool needs_as4_path(const AsPath& path);
AsPath without_confederation_segments(const AsPath& path);

}  // namespace cfn::bgp::wire
