// Link Bandwidth extended community codec and the capacity <-> bytes/s scaling.
#include "libcfnmetric/wire/link_bandwidth.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "libcfnmetric/wire/byte_order.hpp"

namespace cfn::metric::wire {
namespace {

// FRR keeps bytes/s in a uint32; 2^32 - 256 is the largest float below 2^32.
constexpr double kMaxBandwidth = 4294967040.0;

}  // namespace

std::uint16_t link_bandwidth_admin(std::uint32_t as) {
  return as > 0xffff ? kAsTrans : static_cast<std::uint16_t>(as);
}

float capacity_to_bandwidth(double capacity, double bytes_per_unit) {
  double bytes = std::floor((capacity > 0 ? capacity : 0.0) * bytes_per_unit + 0.5);
  if (std::isnan(bytes)) bytes = 0;
  return static_cast<float>(std::clamp(bytes, 1.0, kMaxBandwidth));
}

double bandwidth_to_capacity(float bytes_per_second, double bytes_per_unit) {
  return bytes_per_unit > 0 ? bytes_per_second / bytes_per_unit : 0.0;
}

std::array<std::uint8_t, 8> encode_link_bandwidth(const LinkBandwidth& c) {
  std::array<std::uint8_t, 8> out{};
  out[0] = c.transitive ? kLinkBandwidthTransitive : kLinkBandwidthNonTransitive;
  out[1] = kLinkBandwidthSubtype;
  put_u16(&out[2], c.global_admin);
  put_f32(&out[4], c.bytes_per_second);
  return out;
}

Decoded<LinkBandwidth> decode_link_bandwidth(std::span<const std::uint8_t> b) {
  if (b.size() != 8)
    return refuse<LinkBandwidth>("link bandwidth: " + std::to_string(b.size()) +
                                 " octets, expected 8");
  if (b[0] != kLinkBandwidthTransitive && b[0] != kLinkBandwidthNonTransitive)
    return refuse<LinkBandwidth>("link bandwidth: type " + std::to_string(b[0]) +
                                 ", expected 0 or 64");
  if (b[1] != kLinkBandwidthSubtype)
    return refuse<LinkBandwidth>("link bandwidth: sub-type " + std::to_string(b[1]) +
                                 ", expected 4");
  const float value = get_f32(&b[4]);
  if (!std::isfinite(value) || value < 0)
    return refuse<LinkBandwidth>("link bandwidth: value is not a finite number >= 0");
  return {LinkBandwidth{.transitive = b[0] == kLinkBandwidthTransitive,
                        .global_admin = get_u16(&b[2]),
                        .bytes_per_second = value},
          {}};
}

}  // namespace cfn::metric::wire
