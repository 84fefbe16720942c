// libFuzzer target for the service push line parser: any bytes as one datagram. Properties: no
// crash, no UB; a refusal has a reason; an accepted line names a valid service (and instance)
// and sets only the service-reported metrics, with finite non-negative amounts.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "libcfnmetric/agent/agent_report.hpp"
#include "libcfnmetric/agent/service_push.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed =
      cfn::metric::parse_service_push(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) {
    if (parsed.error.empty()) std::abort();
    return 0;
  }
  const cfn::metric::ServicePush& push = *parsed.value;
  if (!cfn::metric::is_valid_name(push.service)) std::abort();
  if (push.instance && !cfn::metric::is_valid_name(*push.instance)) std::abort();
  // Only what a service reports: overlaying it onto nothing gives it back.
  cfn::metric::L0Metrics only_pushed;
  cfn::metric::overlay_pushed(push.metrics, only_pushed);
  if (!(only_pushed == push.metrics)) std::abort();
  for (const auto& amount : {push.metrics.processing_delay_us, push.metrics.requests_per_second})
    if (amount && !(std::isfinite(*amount) && *amount >= 0)) std::abort();
  return 0;
}
