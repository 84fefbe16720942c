// What the BGP show and clear commands ask of the speaker: views of the instance, its routes
// and its peers' Adj-RIBs, and the `clear bgp` action. The speaker implements it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bgpd-cfn/show/bgp_show_model.hpp"

namespace cfn::bgp::show {

// `clear bgp X`: a hard reset (the session goes down), or a soft one (route refresh in,
// re-advertisement out, or both).
enum class ClearMode { kHard, kSoftBoth, kSoftIn, kSoftOut };

class ShowSource {
 public:
  virtual ~ShowSource() = default;
  virtual InstanceView instance(Afi afi) const = 0;          // peers + that family's counts
  virtual std::vector<RouteView> routes(Afi afi) const = 0;  // every prefix, sorted
  virtual std::optional<RouteView> route(Afi afi, const net::Prefix& p) const = 0;  // exact
  virtual std::optional<RouteView> lookup(Afi afi,
                                          const net::IpAddress& a) const = 0;  // longest match
  // Adj-RIB-Out (advertised = true) or Adj-RIB-In (false) of one peer; nullopt: no such peer.
  virtual std::optional<std::vector<AdvertisedView>> adj_rib(Afi afi, const std::string& peer,
                                                             bool advertised) const = 0;
  // clear bgp: peer nullopt = all; returns false when the named peer does not exist.
  virtual bool clear(std::optional<std::string> peer, ClearMode mode, std::optional<Afi> afi) = 0;
};

}  // namespace cfn::bgp::show
