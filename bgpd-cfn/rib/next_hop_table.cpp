// NextHopTable: entries recycled through a free list, found by address.
#include "bgpd-cfn/rib/next_hop_table.hpp"

#include <utility>

namespace cfn::bgp {

NextHopId NextHopTable::acquire(const net::IpAddress& address) {
  auto [it, inserted] = by_address_.try_emplace(address, kNoNextHop);
  if (inserted) {
    if (free_.empty()) {
      it->second = static_cast<NextHopId>(entries_.size());
      entries_.emplace_back();
    } else {
      it->second = free_.back();
      free_.pop_back();
    }
    Entry& entry = entries_[it->second];
    entry.address = address;
    entry.state = initial_;
    new_.push_back(address);
  }
  ++entries_[it->second].references;
  return it->second;
}

void NextHopTable::release(NextHopId id) {
  Entry& entry = entries_[id];
  if (--entry.references != 0) return;
  by_address_.erase(entry.address);
  entry.dependents = {};
  free_.push_back(id);
}

std::vector<net::IpAddress> NextHopTable::take_new() {
  return std::exchange(new_, {});
}

std::size_t NextHopTable::memory_usage() const {
  std::size_t bytes = entries_.capacity() * sizeof(Entry) + free_.capacity() * sizeof(NextHopId) +
                      by_address_.size() * (sizeof(net::IpAddress) + sizeof(NextHopId) + 16) +
                      by_address_.bucket_count() * sizeof(void*);
  for (const Entry& entry : entries_) bytes += entry.dependents.capacity() * sizeof(DestId);
  return bytes;
}

}  // namespace cfn::bgp
