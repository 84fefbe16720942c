// The Link Bandwidth extended community (draft-ietf-idr-link-bandwidth), and how a site's
// available compute capacity is scaled into it so that a stock FRR with
// `bgp bestpath as-path multipath-relax` weights its ECMP by capacity. See docs/wire-format.md.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "libcfnmetric/wire/decoded.hpp"

namespace cfn::metric::wire {

inline constexpr std::uint8_t kLinkBandwidthTransitive = 0x00;     // two-octet AS, as FRR sends
inline constexpr std::uint8_t kLinkBandwidthNonTransitive = 0x40;  // two-octet AS, non-transitive
inline constexpr std::uint8_t kLinkBandwidthSubtype = 0x04;
inline constexpr std::uint16_t kAsTrans = 23456;  // RFC 6793
// Default scale: one core of available capacity = 1,000,000 bytes/s (8 Mbit/s).
inline constexpr double kDefaultBytesPerCapacityUnit = 1e6;

struct LinkBandwidth {
  bool transitive = true;
  std::uint16_t global_admin = 0;  // the AS, or kAsTrans for a 4-octet AS
  float bytes_per_second = 0;      // finite, >= 0
  bool operator==(const LinkBandwidth&) const = default;
};

// The global administrator for an AS: the AS itself up to 65535, else AS_TRANS.
std::uint16_t link_bandwidth_admin(std::uint32_t as);

// capacity x bytes_per_unit, rounded to whole bytes/s, at least 1 (FRR reads 0 as "no link
// bandwidth" and drops weighting for the whole set) and at most 2^32 - 256 (FRR keeps a uint32).
// Capacity that is negative or NaN counts as 0.
float capacity_to_bandwidth(double capacity, double bytes_per_unit = kDefaultBytesPerCapacityUnit);
double bandwidth_to_capacity(float bytes_per_second,
                             double bytes_per_unit = kDefaultBytesPerCapacityUnit);

std::array<std::uint8_t, 8> encode_link_bandwidth(const LinkBandwidth& community);

// Refuses: a length other than 8, a type other than 0x00/0x40, a sub-type other than 0x04, a
// value that is negative, infinite or NaN.
Decoded<LinkBandwidth> decode_link_bandwidth(std::span<const std::uint8_t> bytes);

}  // namespace cfn::metric::wire
