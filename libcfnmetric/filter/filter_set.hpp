// The stability filters of all the services a router advertises: one ServiceFilter per
// service plus the global rate cap. What the cap delays waits in a queue, in order, one entry
// per service (a newer cost replaces the waiting one in place), and is never lost.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libcfnmetric/filter/filter_params.hpp"
#include "libcfnmetric/filter/service_filter.hpp"
#include "libcfnmetric/filter/token_bucket.hpp"

namespace cfn::metric {

// What the owner sends to its peers.
struct FilterUpdate {
  enum class Kind : std::uint8_t { kAdvertise, kWithdraw };
  std::string service;
  Kind kind = Kind::kAdvertise;
  std::uint8_t l2 = 0;  // kAdvertise: the L2 cost
  bool operator==(const FilterUpdate&) const = default;
};

class FilterSet {
 public:
  explicit FilterSet(const FilterParams& params) : params_(params), bucket_(params.rate_limit) {}

  // A raw L2 cost of `service` measured at `now`.
  std::vector<FilterUpdate> offer(FilterTime now, std::string_view service, std::uint8_t raw_l2);
  // `service` is gone. Withdraws are sent at once, outside the rate cap (taking capacity away
  // is never held back); a queued advertisement of the service is dropped.
  std::vector<FilterUpdate> withdraw(FilterTime now, std::string_view service);
  // What the minimum intervals, hold-downs and the rate cap held back and may go now: queued
  // advertisements first, then services whose deadline passed, earliest deadline first.
  std::vector<FilterUpdate> poll(FilterTime now);
  // When poll() has something to send; nullopt when nothing waits.
  std::optional<FilterTime> next_deadline() const;

 private:
  ServiceFilter& filter_of(std::string_view service);
  // Sends what the rate cap allows from the queue.
  void drain_queue(FilterTime now, std::vector<FilterUpdate>& out);
  // An advertisement a service's filter let through, subject to the rate cap.
  void submit(FilterTime now, std::string_view service, std::uint8_t l2,
              std::vector<FilterUpdate>& out);

  FilterParams params_;
  std::map<std::string, ServiceFilter, std::less<>> services_;
  std::deque<FilterUpdate> queue_;  // held back by the rate cap, oldest first
  TokenBucket bucket_;
};

}  // namespace cfn::metric
