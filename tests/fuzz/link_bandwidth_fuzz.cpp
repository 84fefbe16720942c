// libFuzzer target for the Link Bandwidth extended community decoder. Properties: no crash, no
// UB; a refusal has a reason; what decodes re-encodes to the same 8 octets and decodes the same.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "libcfnmetric/wire/link_bandwidth.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  auto decoded = cfn::metric::wire::decode_link_bandwidth(input);
  if (!decoded) {
    if (decoded.error.empty()) std::abort();
    return 0;
  }
  auto bytes = cfn::metric::wire::encode_link_bandwidth(*decoded.value);
  if (!std::equal(bytes.begin(), bytes.end(), input.begin(), input.end())) std::abort();
  auto again = cfn::metric::wire::decode_link_bandwidth(bytes);
  if (!again || !(*again.value == *decoded.value)) std::abort();
  return 0;
}
