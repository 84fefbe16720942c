// RibTable: one address family's routes (IPv4 or IPv6 unicast). Prefix -> destination with
// every peer's path (the Adj-RIBs-In, post-policy, as in FRR and BIRD) and the Loc-RIB
// selection (best and multipath set, marked on the paths). Changes mark destinations dirty;
// run_decision() decides them in one batch and reports what changed. Pure: no I/O, no clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "bgpd-cfn/rib/attribute_store.hpp"
#include "bgpd-cfn/rib/decision.hpp"
#include "bgpd-cfn/rib/destination.hpp"
#include "bgpd-cfn/rib/id_index.hpp"
#include "bgpd-cfn/rib/next_hop_table.hpp"
#include "bgpd-cfn/rib/rib_ids.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

// What decision needs to know about a peer (Candidate's per-peer fields).
struct PeerInfo {
  PeerType type = PeerType::kExternal;
  net::IpAddress address;
  std::uint32_t router_id = 0;  // BGP Identifier, host order
  std::uint32_t weight = 0;     // FRR's weight; 32768 for local routes
};

struct SelectedPath {
  PeerId peer = 0;
  AttrId attributes = 0;
  bool operator==(const SelectedPath&) const = default;
};

// A destination whose best path or multipath set changed.
struct RouteChange {
  net::Prefix prefix;
  DestId destination = 0;
  std::uint32_t first = 0;  // into DecisionResult::paths
  std::uint32_t count = 0;  // 0: no usable path left (withdraw); else best first, then the rest
};

struct DecisionResult {
  std::vector<RouteChange> changes;
  std::vector<SelectedPath> paths;
  std::size_t decided = 0;  // dirty destinations processed

  // Valid while the table holds the paths (until the next change to it).
  std::span<const SelectedPath> selected(const RouteChange& change) const {
    return std::span<const SelectedPath>(paths).subspan(change.first, change.count);
  }
};

class RibTable {
 public:
  // New next hops start in `initial_next_hop` until set_next_hop_state() says otherwise.
  explicit RibTable(AttributeStore& attributes, const DecisionOptions& options = {},
                    NextHopState initial_next_hop = {});
  RibTable(const RibTable&) = delete;
  RibTable& operator=(const RibTable&) = delete;
  ~RibTable();

  // Set a peer before its first announce (or after drop_peer). kLocalPeer starts as
  // {kLocal, weight 32768}; give it our router ID.
  void set_peer(PeerId peer, const PeerInfo& info);
  const PeerInfo& peer(PeerId peer) const { return peers_[peer]; }
  // New options (maximum-paths, multipath-relax ...) re-decide every destination.
  void set_options(const DecisionOptions& options);
  const DecisionOptions& options() const { return options_; }

  // The peer's path to `prefix` becomes `attributes` (the path takes its own reference);
  // its next hop is attributes.next_hop (the caller puts MP_REACH_NLRI's next hop there for
  // IPv6), none for a route without one. A path with new attributes counts as newly arrived
  // (it moves behind the others, as FRR restarts its uptime). Returns false when the path is
  // already there with the same attributes (then nothing is marked).
  bool announce(PeerId peer, const net::Prefix& prefix, AttrId attributes);
  // Returns false when the peer had no path to `prefix`.
  bool withdraw(PeerId peer, const net::Prefix& prefix);
  // Session down: every path of the peer goes. One pass over the table (as FRR and BIRD do);
  // returns how many paths went.
  std::size_t drop_peer(PeerId peer);
  // `network` / `redistribute`: paths of kLocalPeer.
  bool originate(const net::Prefix& prefix, AttrId attributes) {
    return announce(kLocalPeer, prefix, attributes);
  }
  bool withdraw_local(const net::Prefix& prefix) { return withdraw(kLocalPeer, prefix); }

  // The resolver's verdict on a next hop; the destinations using it are marked when it
  // changes. Unknown addresses (no path uses them) are ignored.
  void set_next_hop_state(const net::IpAddress& next_hop, NextHopState state);
  // Next hops first used since the last call: resolve them before run_decision().
  std::vector<net::IpAddress> take_new_next_hops() { return next_hops_.take_new(); }
  const NextHopTable& next_hops() const { return next_hops_; }

  // Decides every marked destination (RFC 4271 9.1.2 over the paths whose next hop is
  // reachable) and returns those whose best path or multipath set changed. Destinations left
  // with no path (and not held by an Adj-RIB-Out) are freed.
  DecisionResult run_decision();
  std::size_t dirty_count() const { return dirty_.size(); }

  // Reading (show commands, Adj-RIB-Out).
  std::optional<DestId> find(const net::Prefix& prefix) const;
  bool live(DestId id) const { return id < limit_ && at(id).flags & Destination::kLive; }
  const Destination& destination(DestId id) const { return at(id); }
  // The selected path, null when none.
  const Path* best(DestId id) const;
  // Why the best path won (`show ip bgp PREFIX`), decided again now; nothing without a
  // usable path.
  std::optional<SelectionReason> selection_reason(DestId id) const;
  // Whether the path's next hop is reachable (its "valid" mark).
  bool usable(const Path& path) const { return next_hops_.state(path.next_hop).reachable; }
  DestId destination_limit() const { return limit_; }  // every DestId is below it
  template <typename Visit>
  void for_each_destination(Visit visit) const {
    for (DestId id = 0; id < limit_; ++id)
      if (at(id).flags & Destination::kLive) visit(id, at(id));
  }
  std::size_t prefix_count() const { return index_.size(); }
  std::size_t path_count() const { return path_count_; }
  std::size_t path_count(PeerId peer) const {
    return peer < peer_paths_.size() ? peer_paths_[peer] : 0;
  }
  AttributeStore& attributes() const { return attributes_; }
  // Bytes held by the table (destinations, path arrays, index, next hops), counted.
  std::size_t memory_usage() const;

  // An Adj-RIB-Out keeps a destination alive while it holds it (advertised or to re-check).
  void hold(DestId id) { ++at(id).holds; }
  void release(DestId id);

 private:
  static constexpr unsigned kChunkBits = 12;
  static constexpr DestId kChunkSize = DestId{1} << kChunkBits;

  Destination& at(DestId id) { return chunks_[id >> kChunkBits][id & (kChunkSize - 1)]; }
  const Destination& at(DestId id) const {
    return chunks_[id >> kChunkBits][id & (kChunkSize - 1)];
  }
  DestId find_or_add(const net::Prefix& prefix);
  void free_if_unused(DestId id);
  void mark_dirty(DestId id);
  bool uses_next_hop(DestId id, NextHopId next_hop) const;
  void add_path(DestId id, const Path& path);
  void remove_path(DestId id, std::size_t index);
  void decide(DestId id, DecisionResult& out);
  void collect_candidates(const Destination& destination, std::vector<Candidate>& candidates,
                          std::vector<std::size_t>& indices) const;

  AttributeStore& attributes_;
  DecisionOptions options_;
  std::vector<PeerInfo> peers_;
  std::vector<std::uint32_t> peer_paths_;
  NextHopTable next_hops_;
  std::vector<std::unique_ptr<Destination[]>> chunks_;
  DestId limit_ = 0;
  std::vector<DestId> free_;
  IdIndex index_;
  std::vector<DestId> dirty_;
  std::size_t path_count_ = 0;
  // Scratch for decide(), kept to avoid allocating per destination.
  std::vector<Candidate> candidates_;
  std::vector<std::size_t> candidate_paths_;
};

}  // namespace cfn::bgp
