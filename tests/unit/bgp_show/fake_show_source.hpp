// Test double of the speaker's ShowSource: a realistic instance (four peers: three
// Established over IPv4/IPv6, one shut down), a local route, a route with standard, extended
// and large communities and a MED, and an ECMP pair; it records the clear calls it gets.
#pragma once

#include <deque>
#include <map>

#include "bgpd-cfn/show/bgp_show_source.hpp"

namespace cfn::test {

struct ClearCall {
  std::optional<std::string> peer;
  bgp::show::ClearMode mode;
  std::optional<bgp::Afi> afi;
  bool operator==(const ClearCall&) const = default;
};

class FakeShowSource : public bgp::show::ShowSource {
 public:
  FakeShowSource();

  bgp::show::InstanceView instance(bgp::Afi afi) const override;
  std::vector<bgp::show::RouteView> routes(bgp::Afi afi) const override;
  std::optional<bgp::show::RouteView> route(bgp::Afi afi, const net::Prefix& p) const override;
  std::optional<bgp::show::RouteView> lookup(bgp::Afi afi, const net::IpAddress& a) const override;
  std::optional<std::vector<bgp::show::AdvertisedView>> adj_rib(bgp::Afi afi,
                                                                const std::string& peer,
                                                                bool advertised) const override;
  bool clear(std::optional<std::string> peer, bgp::show::ClearMode mode,
             std::optional<bgp::Afi> afi) override;

  std::vector<ClearCall> clears;

 private:
  const bgp::wire::PathAttributes* intern(bgp::wire::PathAttributes attributes);
  bool known(const std::string& peer) const;

  bgp::show::InstanceView view_;
  bgp::PerAfi<std::map<net::Prefix, bgp::show::RouteView>> routes_;
  std::map<std::string, std::vector<bgp::show::AdvertisedView>> advertised_;
  std::deque<bgp::wire::PathAttributes> attributes_;  // stable addresses
};

}  // namespace cfn::test
