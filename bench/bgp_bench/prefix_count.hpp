// The monitor's view of what the daemon under test advertises: the set of IPv4 unicast
// prefixes currently announced, and how many announcements and withdrawals arrived.
#pragma once

#include <cstdint>
#include <unordered_set>

#include "bgpd-cfn/wire/messages.hpp"

namespace cfn::bench {

class PrefixCount {
 public:
  explicit PrefixCount(std::size_t expected) { held_.reserve(expected); }

  // Applies one decoded UPDATE: withdrawals first, then announcements (RFC 4271 4.3), from the
  // classic fields and from MP_REACH / MP_UNREACH of IPv4 unicast. IPv6 is not counted.
  void apply(const bgp::wire::Update& update);

  std::size_t held() const { return held_.size(); }
  std::uint64_t announced() const { return announced_; }  // NLRI received, repeats included
  std::uint64_t withdrawn() const { return withdrawn_; }  // withdrawn prefixes received

 private:
  void announce(const net::Prefix& prefix);
  void withdraw(const net::Prefix& prefix);

  std::unordered_set<std::uint64_t> held_;  // (address << 8) | length
  std::uint64_t announced_ = 0;
  std::uint64_t withdrawn_ = 0;
};

}  // namespace cfn::bench
