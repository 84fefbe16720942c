// SteadyClock: the production time source.
#include "libcfn/core/clock.hpp"

namespace cfn::core {

Clock::TimePoint SteadyClock::now() const {
  return std::chrono::steady_clock::now();
}

}  // namespace cfn::core
