// libFuzzer target for the CFN Compute extended community decoder. The first two octets of the
// input pick the configured type/sub-type, the rest is the community. Properties: no crash, no
// UB; a refusal has a reason; what decodes re-encodes to bytes that decode the same.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "libcfnmetric/wire/compute_community.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const cfn::metric::wire::CommunityCodes codes{.type = data[0], .subtype = data[1]};
  auto decoded = cfn::metric::wire::decode_compute_community(std::span(data + 2, size - 2), codes);
  if (!decoded) {
    if (decoded.error.empty()) std::abort();
    return 0;
  }
  auto bytes = cfn::metric::wire::encode_compute_community(*decoded.value, codes);
  auto again = cfn::metric::wire::decode_compute_community(bytes, codes);
  if (!again || !(*again.value == *decoded.value)) std::abort();
  return 0;
}
