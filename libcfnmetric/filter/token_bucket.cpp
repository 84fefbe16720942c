// Token bucket as GCRA (ITU-T I.371 virtual scheduling): see token_bucket.hpp.
#include "libcfnmetric/filter/token_bucket.hpp"

#include <algorithm>

namespace cfn::metric {

TokenBucket::TokenBucket(std::uint32_t rate) {
  if (rate == 0) return;
  interval_ = FilterClock::duration(std::chrono::seconds(1)) / rate;
  burst_ = interval_ * (rate - 1);
}

bool TokenBucket::try_take(FilterTime now) {
  if (interval_.count() == 0) return true;
  const FilterTime tat = tat_ ? std::max(*tat_, now) : now;
  if (tat - burst_ > now) return false;
  tat_ = tat + interval_;
  return true;
}

FilterTime TokenBucket::next_token() const {
  return tat_ ? *tat_ - burst_ : FilterTime{};
}

}  // namespace cfn::metric
