// libFuzzer target for the BGP message decoder: any bytes as one message, under 2- and
// 4-octet, external and internal contexts. Properties: no crash, no UB; a session reset comes
// alone and last, with no message; every problem has a reason; whatever decodes re-encodes,
// and that decodes again without error to the same value.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/encode.hpp"

namespace {

using namespace cfn::bgp::wire;

bool is_confederation(const AsPathSegment& segment) {
  return segment.type == SegmentType::kConfedSequence || segment.type == SegmentType::kConfedSet;
}

// RFC 6793 carries confederation segments to 2-octet peers only as AS_PATH: exact only when
// they lead the path and hold 2-octet ASes.
bool two_octet_exact(const Update& update) {
  const auto& path = update.attributes.as_path;
  if (!path) return true;
  bool leading = true;
  for (const AsPathSegment& segment : path->segments) {
    if (!is_confederation(segment)) {
      leading = false;
    } else if (!leading || std::any_of(segment.asns.begin(), segment.asns.end(),
                                       [](std::uint32_t asn) { return asn > 0xFFFF; })) {
      return false;
    }
  }
  return true;
}

void check_problems(const DecodeResult& result) {
  for (std::size_t i = 0; i < result.problems.size(); ++i) {
    const Problem& problem = result.problems[i];
    if (problem.reason.empty()) std::abort();
    if (problem.action == Action::kSessionReset && i + 1 != result.problems.size()) std::abort();
  }
  if (result.session_reset() ? result.message.has_value() : !result.message.has_value()) {
    std::abort();
  }
}

void check(std::span<const std::uint8_t> bytes, const DecodeContext& context) {
  const DecodeResult result = decode_message(bytes, context);
  check_problems(result);
  if (!result.message) return;
  Buffer encoded;
  if (!encode_message(encoded, *result.message,
                      {context.four_octet_as, context.extended_message})) {
    return;  // AS4_PATH / AS4_AGGREGATOR for a 2-octet peer may push it over the limit
  }
  const DecodeResult again = decode_message(encoded, context);
  check_problems(again);
  if (!again.message || again.treated_as_withdraw()) std::abort();
  Message first = *result.message;
  Message second = *again.message;
  if (auto* update = std::get_if<Update>(&first)) {
    auto& other = std::get<Update>(second);
    // An UPDATE left with nothing in it can only be written as an End-of-RIB marker.
    if (other.end_of_rib && !update->end_of_rib) return;
    if (!context.four_octet_as && !two_octet_exact(*update)) {
      update->attributes.as_path.reset();
      other.attributes.as_path.reset();
    }
  }
  if (first != second) std::abort();
}

DecodeContext make_context(bool four_octet_as, bool is_ebgp, bool extended_message) {
  DecodeContext context;
  context.four_octet_as = four_octet_as;
  context.is_ebgp = is_ebgp;
  context.extended_message = extended_message;
  context.ipv6_unicast = true;
  return context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const DecodeContext contexts[] = {
      make_context(true, true, false), make_context(true, false, true),
      make_context(false, true, false), make_context(false, false, true)};
  for (const DecodeContext& context : contexts) check(std::span(data, size), context);
  return 0;
}
