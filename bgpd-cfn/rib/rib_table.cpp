// RibTable: destinations in fixed chunks (stable, no copying as the table grows), found
// through an IdIndex on the prefix; the dirty list; the batched decision process.
#include "bgpd-cfn/rib/rib_table.hpp"

namespace cfn::bgp {
namespace {

constexpr std::uint32_t kLocalWeight = 32768;  // FRR's weight for locally originated routes
constexpr unsigned kNewFlagsShift = 2;         // decide() stages the new Path flags here

}  // namespace

RibTable::RibTable(AttributeStore& attributes, const DecisionOptions& options,
                   NextHopState initial_next_hop)
    : attributes_(attributes),
      options_(options),
      peers_{PeerInfo{
          .type = PeerType::kLocal, .address = {}, .router_id = 0, .weight = kLocalWeight}},
      peer_paths_{0},
      next_hops_(initial_next_hop) {}

RibTable::~RibTable() {
  for_each_destination([this](DestId, const Destination& destination) {
    for (const Path& path : destination.paths()) attributes_.release(path.attributes);
  });
}

void RibTable::set_peer(PeerId peer, const PeerInfo& info) {
  if (peer >= peers_.size()) {
    peers_.resize(std::size_t{peer} + 1);
    peer_paths_.resize(std::size_t{peer} + 1);
  }
  peers_[peer] = info;
}

void RibTable::set_options(const DecisionOptions& options) {
  options_ = options;
  for (DestId id = 0; id < limit_; ++id)
    if (at(id).flags & Destination::kLive) mark_dirty(id);
}

std::optional<DestId> RibTable::find(const net::Prefix& prefix) const {
  const DestId id = index_.find(prefix.hash_value(),
                                [&](DestId candidate) { return at(candidate).prefix == prefix; });
  if (id == kNoId) return std::nullopt;
  return id;
}

DestId RibTable::find_or_add(const net::Prefix& prefix) {
  const std::uint64_t hash = prefix.hash_value();
  DestId id = index_.find(hash, [&](DestId candidate) { return at(candidate).prefix == prefix; });
  if (id != kNoId) return id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    if (limit_ % kChunkSize == 0) chunks_.push_back(std::make_unique<Destination[]>(kChunkSize));
    id = limit_++;
  }
  Destination& destination = at(id);
  destination.prefix = prefix;
  destination.flags = Destination::kLive;
  index_.insert(id, hash);
  return id;
}

void RibTable::free_if_unused(DestId id) {
  Destination& destination = at(id);
  if (destination.size() != 0 || destination.holds != 0 ||
      destination.flags & (Destination::kDirty | Destination::kInstalled))
    return;
  index_.erase(id, destination.prefix.hash_value());
  destination.flags = 0;
  free_.push_back(id);
}

void RibTable::release(DestId id) {
  --at(id).holds;
  free_if_unused(id);
}

void RibTable::mark_dirty(DestId id) {
  Destination& destination = at(id);
  if (destination.flags & Destination::kDirty) return;
  destination.flags |= Destination::kDirty;
  dirty_.push_back(id);
}

bool RibTable::uses_next_hop(DestId id, NextHopId next_hop) const {
  if (!live(id)) return false;
  for (const Path& path : at(id).paths())
    if (path.next_hop == next_hop) return true;
  return false;
}

void RibTable::remove_path(DestId id, std::size_t index) {
  Destination& destination = at(id);
  const Path path = destination.paths()[index];
  destination.erase(index);
  // The marks go with the path; without this the set {A, B} losing B would look unchanged.
  if (path.flags) destination.flags |= Destination::kLostSelected;
  attributes_.release(path.attributes);
  if (path.next_hop != kNoNextHop) next_hops_.release(path.next_hop);
  --path_count_;
  --peer_paths_[path.peer];
}

bool RibTable::announce(PeerId peer, const net::Prefix& prefix, AttrId attributes) {
  const DestId id = find_or_add(prefix);
  std::optional<std::size_t> old;
  for (std::size_t i = 0; const Path& path : at(id).paths()) {
    if (path.peer == peer) {
      if (path.attributes == attributes) return false;
      old = i;
      break;
    }
    ++i;
  }
  // Take the new references before dropping the old ones: they may be the same next hop.
  const std::optional<net::IpAddress>& address = attributes_.get(attributes).next_hop;
  const NextHopId next_hop = address ? next_hops_.acquire(*address) : kNoNextHop;
  const bool listed = next_hop == kNoNextHop || uses_next_hop(id, next_hop);
  attributes_.retain(attributes);
  if (old) remove_path(id, *old);
  at(id).push_back(Path{.attributes = attributes, .next_hop = next_hop, .peer = peer, .flags = 0});
  ++path_count_;
  ++peer_paths_[peer];
  if (!listed)
    next_hops_.add_dependent(next_hop, id,
                             [this](DestId d, NextHopId n) { return uses_next_hop(d, n); });
  mark_dirty(id);
  return true;
}

bool RibTable::withdraw(PeerId peer, const net::Prefix& prefix) {
  const std::optional<DestId> id = find(prefix);
  if (!id) return false;
  const std::span<const Path> paths = at(*id).paths();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (paths[i].peer != peer) continue;
    remove_path(*id, i);
    mark_dirty(*id);
    return true;
  }
  return false;
}

std::size_t RibTable::drop_peer(PeerId peer) {
  std::size_t removed = 0;
  for (DestId id = 0; id < limit_ && path_count(peer) != 0; ++id) {
    if (!(at(id).flags & Destination::kLive)) continue;
    const std::span<const Path> paths = at(id).paths();
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (paths[i].peer != peer) continue;
      remove_path(id, i);
      mark_dirty(id);
      ++removed;
      break;
    }
  }
  return removed;
}

void RibTable::set_next_hop_state(const net::IpAddress& next_hop, NextHopState state) {
  const std::vector<DestId>& users = next_hops_.set_state(
      next_hop, state, [this](DestId d, NextHopId n) { return uses_next_hop(d, n); });
  for (DestId id : users) mark_dirty(id);
}

const Path* RibTable::best(DestId id) const {
  if (!live(id)) return nullptr;
  for (const Path& path : at(id).paths())
    if (path.best()) return &path;
  return nullptr;
}

DecisionResult RibTable::run_decision() {
  DecisionResult out;
  out.decided = dirty_.size();
  for (DestId id : dirty_) decide(id, out);
  dirty_.clear();
  return out;
}

// One destination: RFC 4271 9.1.2 over its usable paths (decision.hpp's select_paths), the
// new marks staged next to the old ones to see whether anything changed.
void RibTable::collect_candidates(const Destination& destination,
                                  std::vector<Candidate>& candidates,
                                  std::vector<std::size_t>& indices) const {
  candidates.clear();
  indices.clear();
  const std::span<const Path> paths = destination.paths();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const NextHopState next_hop = next_hops_.state(paths[i].next_hop);
    if (!next_hop.reachable) continue;
    const PeerInfo& peer = peers_[paths[i].peer];
    candidates.push_back(Candidate{.attributes = &attributes_.get(paths[i].attributes),
                                   .peer_type = peer.type,
                                   .weight = peer.weight,
                                   .peer_router_id = peer.router_id,
                                   .peer_address = peer.address,
                                   .igp_metric = next_hop.igp_metric,
                                   .arrival = i});
    indices.push_back(i);
  }
}

std::optional<SelectionReason> RibTable::selection_reason(DestId id) const {
  std::vector<Candidate> candidates;
  std::vector<std::size_t> indices;
  collect_candidates(at(id), candidates, indices);
  if (candidates.empty()) return std::nullopt;
  if (candidates.size() == 1) return SelectionReason::kFirstPathReceived;
  return select_paths(candidates, options_).reason;
}

void RibTable::decide(DestId id, DecisionResult& out) {
  Destination& destination = at(id);
  destination.flags &= ~Destination::kDirty;
  const std::span<Path> paths = destination.paths();
  // 1. Usable paths: those whose next hop resolves (RFC 4271 9.1.2), arrival order = position.
  collect_candidates(destination, candidates_, candidate_paths_);
  // 2. Selection: best first, then the rest of the multipath set (a lone path needs no
  //    comparison).
  const std::size_t first = out.paths.size();
  if (candidates_.size() == 1) {
    out.paths.push_back({paths[candidate_paths_[0]].peer, paths[candidate_paths_[0]].attributes});
    paths[candidate_paths_[0]].flags |= (Path::kBest | Path::kMultipath) << kNewFlagsShift;
  } else if (!candidates_.empty()) {
    const Selection selection = select_paths(candidates_, options_);
    for (std::size_t chosen : selection.multipath) {
      Path& path = paths[candidate_paths_[chosen]];
      out.paths.push_back({path.peer, path.attributes});
      path.flags |= (chosen == selection.best ? Path::kBest | Path::kMultipath : Path::kMultipath)
                    << kNewFlagsShift;
    }
  }
  // 3. Compare with the previous marks and keep the new ones.
  const bool had = destination.flags & Destination::kInstalled;
  const bool has = out.paths.size() > first;
  bool changed = had != has || destination.flags & Destination::kLostSelected;
  destination.flags &= ~Destination::kLostSelected;
  for (Path& path : paths) {
    const std::uint8_t marks = path.flags >> kNewFlagsShift;
    changed |= marks != (path.flags & (Path::kBest | Path::kMultipath));
    path.flags = marks;
  }
  if (has)
    destination.flags |= Destination::kInstalled;
  else
    destination.flags &= ~Destination::kInstalled;
  if (changed) {
    out.changes.push_back(
        RouteChange{.prefix = destination.prefix,
                    .destination = id,
                    .first = static_cast<std::uint32_t>(first),
                    .count = static_cast<std::uint32_t>(out.paths.size() - first)});
  } else {
    out.paths.resize(first);
  }
  // 4. A destination with no path left goes (unless an Adj-RIB-Out still holds it).
  free_if_unused(id);
}

std::size_t RibTable::memory_usage() const {
  std::size_t bytes = chunks_.size() * kChunkSize * sizeof(Destination) +
                      chunks_.capacity() * sizeof(chunks_[0]) + index_.memory_usage() +
                      next_hops_.memory_usage() + free_.capacity() * sizeof(DestId) +
                      dirty_.capacity() * sizeof(DestId) + peers_.capacity() * sizeof(PeerInfo) +
                      peer_paths_.capacity() * sizeof(std::uint32_t);
  for_each_destination(
      [&](DestId, const Destination& destination) { bytes += destination.heap_bytes(); });
  return bytes;
}

}  // namespace cfn::bgp
