// Simulated-clock replay of the filters: see replay.hpp.
#include "libcfnmetric/filter/replay.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace cfn::metric {

std::vector<FilterSample> sample_signal(const std::string& service,
                                        const std::function<double(double)>& signal,
                                        FilterClock::duration period,
                                        FilterClock::duration length) {
  std::vector<FilterSample> samples;
  for (FilterClock::duration at{}; at < length; at += period) {
    const double seconds = std::chrono::duration<double>(at).count();
    const long value = std::clamp(std::lround(signal(seconds)), 0L, 255L);
    samples.push_back({at, service, static_cast<std::uint8_t>(value)});
  }
  return samples;
}

std::vector<TimedUpdate> replay(const FilterParams& params, std::span<const FilterSample> samples) {
  const FilterTime start{};
  FilterSet filters(params);
  std::vector<TimedUpdate> updates;
  auto record = [&](FilterTime now, std::vector<FilterUpdate> batch) {
    for (auto& update : batch) updates.push_back({now - start, std::move(update)});
  };
  // Polls every deadline up to `until` (none: all of them), as the owner's timer would.
  auto poll_until = [&](const FilterTime* until) {
    while (auto deadline = filters.next_deadline()) {
      if (until && *deadline > *until) return;
      auto batch = filters.poll(*deadline);
      if (batch.empty() && filters.next_deadline() == deadline) {
        throw std::logic_error("a filter deadline passed without effect");
      }
      record(*deadline, std::move(batch));
    }
  };
  for (const auto& sample : samples) {
    const FilterTime now = start + sample.at;
    poll_until(&now);
    record(now, filters.offer(now, sample.service, sample.raw_l2));
  }
  poll_until(nullptr);
  return updates;
}

}  // namespace cfn::metric
