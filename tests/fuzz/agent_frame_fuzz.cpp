// libFuzzer target for the agent frame codec. The first byte picks what the rest is: 0, a whole
// frame off the wire; otherwise, Report bytes that this target signs with the known key first,
// so the fuzzer also reaches the Report parser and checks behind the HMAC. Properties: no
// crash, no UB; a refusal names a known reason; a decoded report re-encodes to a frame that
// decodes to the same report.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "libcfnmetric/agent/agent_frame.hpp"
#include "libcfnmetric/agent/hmac.hpp"

namespace {

using cfn::metric::Bytes;

const cfn::metric::AgentKey kKey{"k1", "secret"};
const cfn::metric::KeyRing kKeys{{"k1", "secret"}};

// A SignedReport around report (fields 1, 2, 3), HMAC'd with kKey, framed.
Bytes sign(std::span<const std::uint8_t> report) {
  const auto secret =
      std::span(reinterpret_cast<const std::uint8_t*>(kKey.secret.data()), kKey.secret.size());
  const cfn::metric::Hmac mac = cfn::metric::hmac_sha256(secret, report);
  Bytes payload = {0x0a};
  for (std::size_t n = report.size();; n >>= 7) {  // varint length
    payload.push_back(static_cast<std::uint8_t>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)));
    if (n < 0x80) break;
  }
  payload.insert(payload.end(), report.begin(), report.end());
  payload.insert(payload.end(), {0x12, 0x20});
  payload.insert(payload.end(), mac.begin(), mac.end());
  payload.insert(payload.end(), {0x1a, 0x02, 'k', '1'});
  const auto n = static_cast<std::uint32_t>(payload.size());
  Bytes frame = {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                 static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
  frame.insert(frame.end(), payload.begin(), payload.end());
  return frame;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> rest(data + 1, size - 1);
  const Bytes frame = data[0] == 0 ? Bytes(rest.begin(), rest.end()) : sign(rest);
  const auto decoded = cfn::metric::decode_frame(frame, kKeys);
  if (!decoded) {
    if (static_cast<std::size_t>(decoded.error) >= cfn::metric::kFrameErrorCount) std::abort();
    if (cfn::metric::frame_error_name(decoded.error).empty()) std::abort();
    return 0;
  }
  const auto again =
      cfn::metric::decode_frame(cfn::metric::encode_frame(*decoded.value, kKey), kKeys);
  if (!again || !(*again.value == *decoded.value)) std::abort();
  return 0;
}
