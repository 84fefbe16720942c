// libFuzzer target for the UPDATE decoder: any bytes as an UPDATE body (a header is put in
// front), decoded for 2- and 4-octet peers. Properties: no crash, no UB; prefixes have the
// family of the field they came from; after treat-as-withdraw nothing is announced and no
// attribute is left; the result re-encodes (size permitting) and decodes without error.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/encode.hpp"

namespace {

using namespace cfn::bgp::wire;

bool all_of_family(const std::vector<cfn::net::Prefix>& prefixes, bool v4) {
  for (const auto& prefix : prefixes) {
    if (prefix.is_v4() != v4) return false;
  }
  return true;
}

void check(const std::vector<std::uint8_t>& message, bool four_octet_as) {
  DecodeContext context;
  context.four_octet_as = four_octet_as;
  context.is_ebgp = !four_octet_as;
  context.extended_message = true;
  context.ipv6_unicast = true;
  const DecodeResult result = decode_message(message, context);
  for (const Problem& problem : result.problems) {
    if (problem.reason.empty()) std::abort();
  }
  if (!result.message) {
    if (!result.session_reset()) std::abort();
    return;
  }
  const Update& update = std::get<Update>(*result.message);
  if (!all_of_family(update.withdrawn, true) || !all_of_family(update.nlri, true)) std::abort();
  if (update.mp_reach &&
      !all_of_family(update.mp_reach->nlri, update.mp_reach->afi_safi.afi == kAfiIpv4)) {
    std::abort();
  }
  if (update.mp_unreach &&
      !all_of_family(update.mp_unreach->withdrawn, update.mp_unreach->afi_safi.afi == kAfiIpv4)) {
    std::abort();
  }
  if (result.treated_as_withdraw() &&
      (!update.nlri.empty() || update.mp_reach || update.attributes != PathAttributes{})) {
    std::abort();
  }
  Buffer encoded;
  if (!encode_update(encoded, update, {four_octet_as, true})) return;
  const DecodeResult again = decode_message(encoded, context);
  if (!again.message || again.treated_as_withdraw()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 65535 - 19) return 0;
  std::vector<std::uint8_t> message(16, 0xff);
  message.push_back(static_cast<std::uint8_t>((size + 19) >> 8));
  message.push_back(static_cast<std::uint8_t>(size + 19));
  message.push_back(2);  // UPDATE
  message.insert(message.end(), data, data + size);
  check(message, true);
  check(message, false);
  return 0;
}
