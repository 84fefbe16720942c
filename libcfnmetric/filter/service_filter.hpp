// The stability filters of one service: EWMA smoothing, dead band, step bypass, minimum
// interval between advertisements and hold-down after a withdraw. Pure: the owner passes the
// time in and arms a timer at next_deadline() to call poll().
#pragma once

#include <cstdint>
#include <optional>

#include "libcfnmetric/filter/filter_params.hpp"
#include "libcfnmetric/filter/time_ewma.hpp"

namespace cfn::metric {

class ServiceFilter {
 public:
  explicit ServiceFilter(const FilterParams& params)
      : params_(params), ewma_(params.smoothing_half_life) {}

  // A raw L2 cost measured at `now`; the cost to advertise now, if any.
  std::optional<std::uint8_t> offer(FilterTime now, std::uint8_t raw_l2);
  // The service is gone: forgets its history and starts the hold-down. True when it was
  // advertised (the owner sends a withdraw).
  bool withdraw(FilterTime now);
  // What the minimum interval or the hold-down held back, once they have run out.
  std::optional<std::uint8_t> poll(FilterTime now);
  // When poll() will advertise what waits; nullopt when nothing waits.
  std::optional<FilterTime> next_deadline() const;

  // The cost last advertised; nullopt before the first advertisement and after a withdraw.
  std::optional<std::uint8_t> advertised() const { return advertised_; }

 private:
  bool is_step(std::uint8_t raw_l2) const;
  FilterTime earliest_release() const;
  std::optional<std::uint8_t> release(FilterTime now);

  FilterParams params_;
  TimeEwma ewma_;
  std::optional<std::uint8_t> last_raw_;
  std::optional<std::uint8_t> advertised_;
  std::optional<FilterTime> advertised_at_;
  std::optional<std::uint8_t> wanted_;  // waits for the minimum interval or the hold-down
  bool step_wanted_ = false;            // wanted_ comes from a step: the dead band does not apply
  std::optional<FilterTime> hold_down_until_;
};

}  // namespace cfn::metric
