// AdjRibOut: a dense DestId-indexed array of advertised attribute ids; exports are computed
// once per (source attribute set, source peer type) per take_updates() and interned.
#include "bgpd-cfn/rib/adj_rib_out.hpp"

namespace cfn::bgp {
namespace {

constexpr std::size_t kPeerTypes = 3;       // PeerType values: the export cache's second key
constexpr AttrId kNotExported = kNoId - 1;  // an export cache entry not computed yet
constexpr std::size_t kKeptQueue = 4096;    // queue capacity kept between batches

// Groups (attribute set, prefix) pairs into batches through a scratch array indexed by AttrId.
class BatchBuilder {
 public:
  explicit BatchBuilder(std::vector<UpdateBatch>& out) : out_(out) {}
  void add(AttrId attributes, const net::Prefix& prefix) {
    if (attributes >= batch_of_.size()) batch_of_.resize(std::size_t{attributes} + 1, kNoId);
    std::uint32_t& batch = batch_of_[attributes];
    if (batch == kNoId) {
      batch = static_cast<std::uint32_t>(out_.size());
      out_.push_back(UpdateBatch{.attributes = attributes, .prefixes = {}});
    }
    out_[batch].prefixes.push_back(prefix);
  }

 private:
  std::vector<UpdateBatch>& out_;
  std::vector<std::uint32_t> batch_of_;
};

}  // namespace

AdjRibOut::AdjRibOut(RibTable& table, const ExportTarget& target)
    : table_(table), attributes_(table.attributes()), target_(target) {}

void AdjRibOut::queue(DestId id) {
  if (id >= queued_.size()) queued_.resize(std::size_t{id} + 1);
  if (queued_[id]) return;
  queued_[id] = true;
  queue_.push_back(id);
  if (!held(id)) table_.hold(id);
}

void AdjRibOut::mark(const DecisionResult& result) {
  for (const RouteChange& change : result.changes)
    if (table_.live(change.destination)) queue(change.destination);
}

void AdjRibOut::mark_all() {
  table_.for_each_destination([this](DestId id, const Destination& destination) {
    if (destination.flags & Destination::kInstalled) queue(id);
  });
}

// The best path as this peer gets it, or kNoId. The sender check comes first: the cached
// export of a (set, peer type) holds for every other sender.
AttrId AdjRibOut::export_best(DestId id, std::vector<AttrId>& cache) {
  const Path* best = table_.best(id);
  if (!best || best->peer == target_.peer) return kNoId;
  const PeerType type = table_.peer(best->peer).type;
  const std::size_t key =
      std::size_t{best->attributes} * kPeerTypes + static_cast<std::size_t>(type);
  if (key >= cache.size()) cache.resize(key + 1, kNotExported);
  AttrId& cached = cache[key];
  if (cached == kNotExported) {
    const std::optional<wire::PathAttributes> exported = export_attributes(
        attributes_.get(best->attributes), ExportSource{.peer = best->peer, .type = type}, target_);
    cached = exported ? attributes_.intern(*exported) : kNoId;
  }
  return cached;
}

OutboundUpdates AdjRibOut::take_updates() {
  OutboundUpdates out;
  BatchBuilder batches(out.announced);
  std::vector<AttrId> cache;         // (source set, peer type) -> exported set (one reference each)
  std::vector<AttrId> policy_cache;  // exported set -> after policy (one reference each)
  for (DestId id : queue_) {
    queued_[id] = false;
    AttrId desired = export_best(id, cache);
    const net::Prefix prefix = table_.destination(id).prefix;
    AttrId filtered = kNoId;  // a reference this loop owns, from a per-prefix policy
    if (policy_ && desired != kNoId)
      desired = policy_per_prefix_ ? (filtered = apply_policy(prefix, desired))
                                   : cached_policy(prefix, desired, policy_cache);
    if (desired != kNoId && id >= advertised_.size())
      advertised_.resize(std::size_t{id} + 1, kNoId);
    AttrId none = kNoId;
    AttrId& current = id < advertised_.size() ? advertised_[id] : none;
    if (desired != current) {
      if (desired == kNoId)
        out.withdrawn.push_back(prefix);
      else
        batches.add(desired, prefix);
      if (desired != kNoId) {
        attributes_.retain(desired);
        if (current == kNoId) ++advertised_count_;
      }
      if (current != kNoId) {
        attributes_.release(current);
        if (desired == kNoId) --advertised_count_;
      }
      current = desired;
    }
    if (filtered != kNoId) attributes_.release(filtered);
    if (current == kNoId) table_.release(id);
  }
  // A large batch (a session coming up, a big UPDATE burst) leaves no large queue behind: with
  // many peers it would hold 4 octets per prefix each.
  queue_.clear();
  if (queue_.capacity() > kKeptQueue) queue_.shrink_to_fit();
  for (const std::vector<AttrId>* held_ids : {&cache, &policy_cache})
    for (AttrId held_id : *held_ids)
      if (held_id != kNoId && held_id != kNotExported) attributes_.release(held_id);
  return out;
}

AttrId AdjRibOut::apply_policy(const net::Prefix& prefix, AttrId exported) {
  const auto result = policy_(prefix, attributes_.get(exported));
  return result ? attributes_.intern(*result) : kNoId;
}

AttrId AdjRibOut::cached_policy(const net::Prefix& prefix, AttrId exported,
                                std::vector<AttrId>& cache) {
  if (exported >= cache.size()) cache.resize(std::size_t{exported} + 1, kNotExported);
  AttrId& cached = cache[exported];
  if (cached == kNotExported) cached = apply_policy(prefix, exported);
  return cached;
}

OutboundUpdates AdjRibOut::advertised_routes() const {
  OutboundUpdates out;
  BatchBuilder batches(out.announced);
  for (DestId id = 0; id < advertised_.size(); ++id)
    if (advertised_[id] != kNoId) batches.add(advertised_[id], table_.destination(id).prefix);
  return out;
}

std::optional<AttrId> AdjRibOut::advertised(const net::Prefix& prefix) const {
  const std::optional<DestId> id = table_.find(prefix);
  if (!id || !held(*id)) return std::nullopt;
  return advertised_[*id];
}

std::size_t AdjRibOut::memory_usage() const {
  return advertised_.capacity() * sizeof(AttrId) + queued_.capacity() / 8 +
         queue_.capacity() * sizeof(DestId);
}

void AdjRibOut::clear() {
  for (DestId id = 0; id < advertised_.size(); ++id) {
    const bool holding = held(id) || queued_[id];
    if (advertised_[id] != kNoId) attributes_.release(advertised_[id]);
    if (holding) table_.release(id);
  }
  advertised_.clear();
  queued_.clear();
  queue_.clear();
  advertised_count_ = 0;
}

}  // namespace cfn::bgp
