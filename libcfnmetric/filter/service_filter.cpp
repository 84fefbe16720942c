// One service's stability filters: see service_filter.hpp and docs/metrics.md.
#include "libcfnmetric/filter/service_filter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace cfn::metric {
namespace {

constexpr std::uint8_t kDrain = 255;

std::uint8_t to_cost(double smoothed) {
  return static_cast<std::uint8_t>(std::clamp(std::lround(smoothed), 0L, long{kDrain}));
}

}  // namespace

bool ServiceFilter::is_step(std::uint8_t raw_l2) const {
  if (raw_l2 == kDrain || last_raw_ == kDrain) return true;
  const auto smoothed = ewma_.value();
  return params_.step_threshold != 0 && smoothed &&
         std::abs(raw_l2 - *smoothed) > params_.step_threshold;
}

std::optional<std::uint8_t> ServiceFilter::offer(FilterTime now, std::uint8_t raw_l2) {
  const bool step = is_step(raw_l2);
  if (step) {
    ewma_.reset(now, raw_l2);
  } else {
    ewma_.update(now, raw_l2);
  }
  last_raw_ = raw_l2;
  const std::uint8_t cost = to_cost(*ewma_.value());
  step_wanted_ = (step_wanted_ || step) && advertised_ != cost;
  if (advertised_ == cost) {
    wanted_.reset();
  } else if (!advertised_ || step_wanted_ || std::abs(cost - *advertised_) > params_.dead_band) {
    wanted_ = cost;
  } else {
    wanted_.reset();  // back inside the dead band: what is advertised still holds
  }
  return release(now);
}

bool ServiceFilter::withdraw(FilterTime now) {
  const bool was_advertised = advertised_.has_value();
  ewma_.clear();
  last_raw_.reset();
  advertised_.reset();
  wanted_.reset();
  step_wanted_ = false;
  hold_down_until_ = now + params_.hold_down;
  return was_advertised;
}

std::optional<std::uint8_t> ServiceFilter::poll(FilterTime now) {
  return release(now);
}

std::optional<FilterTime> ServiceFilter::next_deadline() const {
  if (!wanted_) return std::nullopt;
  return earliest_release();
}

FilterTime ServiceFilter::earliest_release() const {
  FilterTime earliest = hold_down_until_.value_or(FilterTime::min());
  if (advertised_at_) earliest = std::max(earliest, *advertised_at_ + params_.min_interval);
  return earliest;
}

std::optional<std::uint8_t> ServiceFilter::release(FilterTime now) {
  if (!wanted_ || now < earliest_release()) return std::nullopt;
  advertised_ = wanted_;
  advertised_at_ = now;
  wanted_.reset();
  step_wanted_ = false;
  return advertised_;
}

}  // namespace cfn::metric
