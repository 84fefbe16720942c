// NextHopTable: the BGP next hops one RibTable's paths use, with their resolution state (set
// by the resolver: reachable? IGP metric?), a reference count, and the index next hop ->
// destinations that re-runs decision for exactly the prefixes using a next hop that changed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "bgpd-cfn/rib/rib_ids.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

struct NextHopState {
  bool reachable = true;         // unreachable paths take no part in decision (RFC 4271 9.1.2)
  std::uint32_t igp_metric = 0;  // cost to the next hop (RFC 4271 9.1.2.2 e)
  bool operator==(const NextHopState&) const = default;
};

class NextHopTable {
 public:
  explicit NextHopTable(NextHopState initial) : initial_(initial) {}

  // One more path uses `address`; a next hop seen for the first time starts in the initial
  // state and is listed by take_new().
  NextHopId acquire(const net::IpAddress& address);
  // One path fewer; the next hop is forgotten with its last path.
  void release(NextHopId id);

  // Records that `dest` has a path through `id` (call once per destination and next hop).
  // The list is lazy: entries of destinations that stopped using the next hop stay until the
  // next compaction, which happens when the list grows past twice the path count.
  template <typename Uses>
  void add_dependent(NextHopId id, DestId dest, Uses uses) {
    Entry& entry = entries_[id];
    entry.dependents.push_back(dest);
    if (entry.dependents.size() > 2 * std::size_t{entry.references} + 16) compact(entry, id, uses);
  }

  // Sets the state of `address`. Returns the destinations to decide again (compacted, each
  // once), none when the state is unchanged or no path uses the address.
  template <typename Uses>
  const std::vector<DestId>& set_state(const net::IpAddress& address, NextHopState state,
                                       Uses uses) {
    static const std::vector<DestId> kNone;
    const auto found = by_address_.find(address);
    if (found == by_address_.end()) return kNone;
    Entry& entry = entries_[found->second];
    if (entry.state == state) return kNone;
    entry.state = state;
    compact(entry, found->second, uses);
    return entry.dependents;
  }

  NextHopState state(NextHopId id) const {
    return id == kNoNextHop ? NextHopState{} : entries_[id].state;
  }
  const net::IpAddress& address(NextHopId id) const { return entries_[id].address; }
  // The next hops acquired for the first time since the last call (to be resolved).
  std::vector<net::IpAddress> take_new();
  std::size_t size() const { return by_address_.size(); }
  std::size_t memory_usage() const;

 private:
  struct Entry {
    net::IpAddress address;
    NextHopState state;
    std::uint32_t references = 0;
    std::vector<DestId> dependents;
  };

  // Keeps each destination that still uses the next hop, once.
  template <typename Uses>
  static void compact(Entry& entry, NextHopId id, Uses uses) {
    std::vector<DestId>& list = entry.dependents;
    std::erase_if(list, [&](DestId dest) { return !uses(dest, id); });
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }

  NextHopState initial_;
  std::vector<Entry> entries_;
  std::vector<NextHopId> free_;
  std::unordered_map<net::IpAddress, NextHopId> by_address_;
  std::vector<net::IpAddress> new_;
};

}  // namespace cfn::bgp
