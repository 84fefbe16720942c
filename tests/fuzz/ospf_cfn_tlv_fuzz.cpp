// libFuzzer target for the OSPF CFN opaque LSA body decoder (any bytes as the body after the
// LSA header). Properties: no crash, no UB; a refusal has a reason; what decodes re-encodes to
// a body that decodes to the same value.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "libcfnmetric/wire/ospf_cfn_lsa.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto decoded = cfn::metric::wire::decode_service_lsa(std::span(data, size));
  if (!decoded) {
    if (decoded.error.empty()) std::abort();
    return 0;
  }
  std::vector<std::uint8_t> bytes;
  cfn::metric::wire::encode_service_lsa(bytes, *decoded.value);
  auto again = cfn::metric::wire::decode_service_lsa(bytes);
  if (!again || !(*again.value == *decoded.value)) std::abort();
  return 0;
}
