// PrefixCount: folds decoded UPDATEs into the set of prefixes currently announced.
#include "bench/bgp_bench/prefix_count.hpp"

namespace cfn::bench {

namespace {

std::uint64_t key(const net::Prefix& prefix) {
  return (std::uint64_t{prefix.address().v4_value()} << 8) | prefix.length();
}

bool ipv4_unicast(const bgp::wire::AfiSafi& afi_safi) {
  return afi_safi == bgp::wire::kIpv4Unicast;
}

}  // namespace

void PrefixCount::announce(const net::Prefix& prefix) {
  if (!prefix.is_v4()) return;
  ++announced_;
  held_.insert(key(prefix));
}

void PrefixCount::withdraw(const net::Prefix& prefix) {
  if (!prefix.is_v4()) return;
  ++withdrawn_;
  held_.erase(key(prefix));
}

void PrefixCount::apply(const bgp::wire::Update& update) {
  for (const net::Prefix& prefix : update.withdrawn) withdraw(prefix);
  if (update.mp_unreach && ipv4_unicast(update.mp_unreach->afi_safi))
    for (const net::Prefix& prefix : update.mp_unreach->withdrawn) withdraw(prefix);
  for (const net::Prefix& prefix : update.nlri) announce(prefix);
  if (update.mp_reach && ipv4_unicast(update.mp_reach->afi_safi))
    for (const net::Prefix& prefix : update.mp_reach->nlri) announce(prefix);
}

}  // namespace cfn::bench
