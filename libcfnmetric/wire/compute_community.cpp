// CFN Compute extended community: encoder and strict decoder.
#include "libcfnmetric/wire/compute_community.hpp"

#include <string>

namespace cfn::metric::wire {
namespace {

constexpr std::uint8_t kFlagDraining = 0x1;
constexpr std::uint8_t kFlagGpu = 0x2;

std::string hex(std::uint8_t v) {
  constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[v >> 4] + kDigits[v & 0xf];
}

}  // namespace

ComputeCommunity compute_community(const Evaluation& evaluation) {
  return {.l2 = evaluation.drain ? kDrainCost : evaluation.l2,
          .draining = evaluation.drain,
          .l1 = evaluation.l1};
}

std::array<std::uint8_t, kExtendedCommunitySize> encode_compute_community(
    const ComputeCommunity& c, const CommunityCodes& codes) {
  const std::uint8_t flags = (c.draining ? kFlagDraining : 0) | (c.l1.gpu ? kFlagGpu : 0);
  return {codes.type,
          codes.subtype,
          static_cast<std::uint8_t>(kComputeCommunityVersion << 4 | flags),
          c.l2,
          cost_to_octet(c.l1.compute),
          cost_to_octet(c.l1.gpu),
          cost_to_octet(c.l1.memory),
          cost_to_octet(c.l1.delay)};
}

Decoded<ComputeCommunity> decode_compute_community(std::span<const std::uint8_t> b,
                                                   const CommunityCodes& codes) {
  if (b.size() != kExtendedCommunitySize)
    return refuse<ComputeCommunity>("compute community: " + std::to_string(b.size()) +
                                    " octets, expected 8");
  if (b[0] != codes.type || b[1] != codes.subtype)
    return refuse<ComputeCommunity>("compute community: type " + hex(b[0]) + " sub-type " +
                                    hex(b[1]) + ", expected " + hex(codes.type) + " " +
                                    hex(codes.subtype));
  const int version = b[2] >> 4;
  if (version != kComputeCommunityVersion)
    return refuse<ComputeCommunity>("compute community: unsupported version " +
                                    std::to_string(version));
  const bool gpu_flag = (b[2] & kFlagGpu) != 0;
  if (gpu_flag != (b[5] != kNoDataOctet))
    return refuse<ComputeCommunity>(gpu_flag ? "compute community: GPU flag set, GPU cost 255"
                                             : "compute community: GPU cost without the GPU flag");
  ComputeCommunity c;
  c.l2 = b[3];
  c.draining = (b[2] & kFlagDraining) != 0;
  c.l1 = {.compute = octet_to_cost(b[4]),
          .gpu = octet_to_cost(b[5]),
          .memory = octet_to_cost(b[6]),
          .delay = octet_to_cost(b[7])};
  return {c, {}};
}

}  // namespace cfn::metric::wire
