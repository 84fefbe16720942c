// AdjRibOut: what was last advertised to one peer for one address family (the exported
// attribute set per prefix, RFC 4271 3.2), and the destinations to re-examine. take_updates()
// turns them into packed deltas: withdrawals, and announcements grouped by attribute set so
// that the encoder puts many NLRI in each UPDATE. Pure: the caller encodes and sends.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "bgpd-cfn/rib/export_attributes.hpp"
#include "bgpd-cfn/rib/rib_ids.hpp"
#include "bgpd-cfn/rib/rib_table.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

// The prefixes that share one attribute set (one UPDATE's path attributes).
struct UpdateBatch {
  AttrId attributes = 0;
  std::vector<net::Prefix> prefixes;
};

struct OutboundUpdates {
  std::vector<net::Prefix> withdrawn;
  std::vector<UpdateBatch> announced;  // one batch per attribute set, in first-seen order
  bool empty() const { return withdrawn.empty() && announced.empty(); }
};

class AdjRibOut {
 public:
  // The table must outlive this object (it holds destinations and attribute references).
  AdjRibOut(RibTable& table, const ExportTarget& target);
  AdjRibOut(const AdjRibOut&) = delete;
  AdjRibOut& operator=(const AdjRibOut&) = delete;
  ~AdjRibOut() { clear(); }

  // Outbound policy (`neighbor X route-map|prefix-list ... out`) after the export rules: the
  // attributes to send for a prefix, or nothing to filter it. Unless `per_prefix`, the result
  // depends on the attributes only and is computed once per exported set and batch.
  using Policy = std::function<std::optional<wire::PathAttributes>(const net::Prefix&,
                                                                   const wire::PathAttributes&)>;
  void set_policy(Policy policy, bool per_prefix) {
    policy_ = std::move(policy);
    policy_per_prefix_ = per_prefix;
  }

  // Queues the destinations run_decision() reported (before the table changes again).
  void mark(const DecisionResult& result);
  // Queues every selected destination: session up, or `clear bgp X soft out`.
  void mark_all();
  // The deltas since the last call (MRAI batching: call it when the timer fires; a prefix
  // changed many times in between is sent once, a change undone in between not at all).
  // Exports each queued destination's best path, compares with what was advertised and
  // records the result as advertised. The attribute ids stay valid until the next call.
  OutboundUpdates take_updates();
  // Everything advertised, packed (ROUTE-REFRESH answer, `show ... advertised-routes`).
  OutboundUpdates advertised_routes() const;
  std::optional<AttrId> advertised(const net::Prefix& prefix) const;
  std::size_t size() const { return advertised_count_; }
  std::size_t queued() const { return queue_.size(); }
  const ExportTarget& target() const { return target_; }
  // Bytes held (counted); the exported attribute sets live in the AttributeStore.
  std::size_t memory_usage() const;
  // Session down: forgets everything advertised and queued.
  void clear();

 private:
  void queue(DestId id);
  bool held(DestId id) const { return id < advertised_.size() && advertised_[id] != kNoId; }
  AttrId export_best(DestId id, std::vector<AttrId>& cache);
  // The policy's result as an interned set (a new reference), or kNoId when denied.
  AttrId apply_policy(const net::Prefix& prefix, AttrId exported);
  AttrId cached_policy(const net::Prefix& prefix, AttrId exported, std::vector<AttrId>& cache);

  RibTable& table_;
  AttributeStore& attributes_;
  ExportTarget target_;
  std::vector<AttrId> advertised_;  // by DestId, grown on the first advertisement; kNoId: nothing
  std::vector<bool> queued_;        // by DestId
  std::vector<DestId> queue_;
  std::size_t advertised_count_ = 0;
  Policy policy_;
  bool policy_per_prefix_ = true;
};

}  // namespace cfn::bgp
