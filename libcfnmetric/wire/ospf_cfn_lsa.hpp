// The body of the OSPF CFN opaque LSA (RFC 5250 type 10, opaque type 233 by default, one LSA
// per service): a Service Prefix TLV with CFN metric sub-TLVs. Type codes, widths, units and
// byte diagrams in docs/wire-format.md. The LSA header is the OSPF instance's business.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "libcfn/net/address.hpp"
#include "libcfnmetric/l0_metrics.hpp"
#include "libcfnmetric/model/evaluate.hpp"
#include "libcfnmetric/wire/decoded.hpp"

namespace cfn::metric::wire {

inline constexpr std::uint8_t kCfnOpaqueType = 233;  // private range (RFC 5250), configurable

// Top-level TLV.
inline constexpr std::uint16_t kServicePrefixTlv = 1;
// Sub-TLVs of the Service Prefix TLV.
inline constexpr std::uint16_t kL2CostSubTlv = 1;
inline constexpr std::uint16_t kL1CostsSubTlv = 2;
inline constexpr std::uint16_t kL0MetricsSubTlv = 3;
inline constexpr std::uint16_t kCapacitySubTlv = 4;
inline constexpr std::uint16_t kServiceNameSubTlv = 5;

// Address family octet: IANA address family numbers.
inline constexpr std::uint8_t kAfIpv4 = 1;
inline constexpr std::uint8_t kAfIpv6 = 2;
inline constexpr std::size_t kMaxServiceName = 255;  // octets of UTF-8

// A TLV or sub-TLV this version does not know: kept for re-encoding, value without padding.
struct RawTlv {
  std::uint16_t type = 0;
  std::vector<std::uint8_t> value;
  bool operator==(const RawTlv&) const = default;
};

struct ServiceLsa {
  net::Prefix prefix;     // the service anycast prefix
  std::uint8_t l2 = 0;    // L2 Cost sub-TLV (mandatory); 255 = drain
  bool draining = false;  // its flag bit 0
  std::optional<L1Costs> l1;
  // L0 Metrics sub-TLV: only cpu_utilization, cpu_cores, gpu_utilization, gpu_memory_free,
  // queue_depth and processing_delay_us travel (quantized, see docs); the sub-TLV is sent when
  // one of them is present.
  L0Metrics l0;
  std::optional<double> capacity;        // cores, quantized to 1/1000
  std::optional<std::string> name;       // UTF-8, 1..255 octets; not sent when empty
  std::vector<RawTlv> unknown_sub_tlvs;  // in the Service Prefix TLV, after the known ones
  std::vector<RawTlv> unknown_tlvs;      // after the Service Prefix TLV
  bool drain() const { return draining || l2 == kDrainCost; }
  bool operator==(const ServiceLsa&) const = default;
};

// What a site originates for one service.
ServiceLsa service_lsa(const net::Prefix& prefix, const std::string& name, const L0Metrics& metrics,
                       const Evaluation& evaluation);

// Appends the LSA body (everything after the 20-octet LSA header). Values of RawTlv must fit
// a 16-bit length.
void encode_service_lsa(std::vector<std::uint8_t>& out, const ServiceLsa& lsa);

// Refuses (with the reason) any framing error, a missing or repeated Service Prefix TLV or
// L2 Cost sub-TLV, a repeated known sub-TLV, a known sub-TLV of the wrong length, an unknown
// address family, a prefix longer than its family or with bits beyond its length, a
// utilization above 100%, an empty, oversized or non-UTF-8 service name.
Decoded<ServiceLsa> decode_service_lsa(std::span<const std::uint8_t> body);

}  // namespace cfn::metric::wire
