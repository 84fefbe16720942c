// The BGP speaker of one `router bgp` instance, owned by the daemon's loop: the peers from
// the configuration and the listening socket, the RIBs (one RibTable per family, interned
// attributes, an Adj-RIB-Out per peer and family), next-hop resolution through the kernel's
// tables, the locally originated routes, and the FIB. Work is batched per loop turn: received
// UPDATEs mark destinations, one decision run then updates the FIB and every Adj-RIB-Out, and
// the deltas go out packed.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bgpd-cfn/bgp_config.hpp"
#include "bgpd-cfn/local_routes.hpp"
#include "bgpd-cfn/rib/adj_rib_out.hpp"
#include "bgpd-cfn/rib/attribute_store.hpp"
#include "bgpd-cfn/rib/rib_table.hpp"
#include "bgpd-cfn/route_policy.hpp"
#include "bgpd-cfn/session/bgp_peer.hpp"
#include "libcfn/core/timer_service.hpp"
#include "libcfn/fib/fib.hpp"
#include "libcfn/kernel/kernel_listener.hpp"

namespace cfn::bgp {

// Administrative distances of FRR, used as the kernel route metric.
inline constexpr std::uint32_t kEbgpDistance = 20;
inline constexpr std::uint32_t kIbgpDistance = 200;

class BgpSpeaker {
 public:
  struct Environment {
    std::uint16_t port = 179;    // -p; 0: no listening socket
    std::string listen_address;  // -l; empty: every address
    fib::Fib* fib = nullptr;     // null with -n
    kernel::KernelListener* kernel = nullptr;
    std::uint8_t fib_protocol = 0;  // our routes in the kernel (never resolved through)
  };

  // One configured neighbor and what the speaker keeps for it.
  struct PeerEntry {
    PeerKey key;
    PeerId id = 0;
    Neighbor neighbor;
    PeerSettings settings;
    bool accept_in = true;  // RFC 8212: eBGP without policy accepts nothing ...
    bool send_out = true;   // ... and sends nothing
    std::unique_ptr<BgpPeer> peer;
    std::array<std::unique_ptr<AdjRibOut>, 2> out;  // by Afi, while Established
  };

  BgpSpeaker(boost::asio::io_context& io, core::TimerService& timers);
  ~BgpSpeaker();
  BgpSpeaker(const BgpSpeaker&) = delete;
  BgpSpeaker& operator=(const BgpSpeaker&) = delete;

  // Opens the listening socket and subscribes to the kernel; false with `error` when the
  // socket cannot be bound.
  bool start(const Environment& environment, std::string& error);
  // Takes a new running configuration: peers added, changed, removed; options; local routes;
  // policy (route-maps and prefix-lists live in the common part).
  void apply(const BgpConfig& config, const daemon::CommonConfig& common);
  // Closes every session and the listening socket (the loop no longer runs).
  void stop();

  // `clear bgp`: hard reset, or soft in (ROUTE-REFRESH) / out (re-send the Adj-RIB-Out).
  void clear_hard(PeerEntry& entry);
  void clear_soft_in(PeerEntry& entry, std::optional<Afi> afi);
  void clear_soft_out(PeerEntry& entry, std::optional<Afi> afi);

  // Reading, for the show commands.
  const BgpConfig& config() const { return config_; }
  std::uint32_t router_id() const { return router_id_; }
  const RibTable& table(Afi afi) const { return *tables_[static_cast<std::size_t>(afi)]; }
  const std::map<PeerKey, std::unique_ptr<PeerEntry>>& peers() const { return peers_; }
  PeerEntry* find_peer(const std::string& key);
  const PeerEntry* peer_by_id(PeerId id) const;
  const AttributeStore& attributes() const { return store_; }
  // Bumped by every best-path change of the family (FRR's "tableVersion").
  std::uint64_t table_version(Afi afi) const {
    return table_version_[static_cast<std::size_t>(afi)];
  }

 private:
  RibTable& table_of(Afi afi) { return *tables_[static_cast<std::size_t>(afi)]; }
  void add_peer(const PeerKey& key, const Neighbor& neighbor, const PeerSettings& settings,
                bool accept_in, bool send_out);
  void remove_peer(const PeerKey& key);
  void remove_all_peers();
  std::uint32_t choose_router_id(const BgpConfig& config) const;

  void established(PeerEntry& entry);
  void down(PeerEntry& entry);
  void update(PeerEntry& entry, wire::Update& update);
  void route_refresh(PeerEntry& entry, const wire::RouteRefresh& refresh);
  std::optional<net::IpAddress> self_next_hop(const PeerEntry& entry, net::Family family) const;

  void accept_next();
  void accepted(boost::asio::ip::tcp::socket socket);

  void kernel_changed(const kernel::KernelEvent& event);
  void schedule();
  void run();
  void resolve_all();
  void resolve(const net::IpAddress& next_hop, bool always);
  void refresh_local_routes();
  void install(const DecisionResult& result);
  void flush(PeerEntry& entry, Afi afi);
  void send_all(PeerEntry& entry, Afi afi);
  void refresh_policy();
  void install_policy(PeerEntry& entry, Afi afi);

  boost::asio::io_context& io_;
  core::TimerService& timers_;
  Environment env_;
  BgpConfig config_;
  daemon::CommonConfig common_;
  std::uint32_t router_id_ = 0;
  AttributeStore store_;
  std::array<std::unique_ptr<RibTable>, 2> tables_;  // by Afi
  std::array<LocalRoutes, 2> local_;                 // originated now, by Afi
  std::array<std::uint64_t, 2> table_version_{};
  // Resolution of every next hop the tables asked about: where the kernel would send.
  std::unordered_map<net::IpAddress, std::vector<kernel::ResolvedNexthop>> resolved_;
  std::map<PeerKey, std::unique_ptr<PeerEntry>> peers_;
  std::vector<PeerEntry*> by_id_;  // index PeerId
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  bool scheduled_ = false;
  bool kernel_dirty_ = false;
  std::shared_ptr<int> life_ = std::make_shared<int>(0);
};

}  // namespace cfn::bgp
