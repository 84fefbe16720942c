// Token bucket for the global advertisement rate cap, kept as a GCRA schedule (the theoretical
// arrival time of the next token) in integer clock ticks, so that no rounding accumulates.
#pragma once

#include <cstdint>
#include <optional>

#include "libcfnmetric/filter/filter_params.hpp"

namespace cfn::metric {

class TokenBucket {
 public:
  // `rate` tokens per second, holding at most `rate` (one second's worth); 0: unlimited.
  explicit TokenBucket(std::uint32_t rate);

  // Takes a token if one is there at `now`.
  bool try_take(FilterTime now);
  // When try_take will next succeed.
  FilterTime next_token() const;

 private:
  FilterClock::duration interval_{};  // time to earn one token
  FilterClock::duration burst_{};     // how far the schedule may run ahead of now
  std::optional<FilterTime> tat_;     // when the bucket is full again (GCRA's TAT)
};

}  // namespace cfn::metric
