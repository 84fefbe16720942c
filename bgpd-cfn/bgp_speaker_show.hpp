// The speaker as the show and clear commands see it: views of its peers, RIBs and
// Adj-RIBs built on demand (show::ShowSource), and `clear bgp` carried out.
#pragma once

#include "bgpd-cfn/bgp_speaker.hpp"
#include "bgpd-cfn/show/bgp_show_source.hpp"

namespace cfn::bgp {

class SpeakerShow final : public show::ShowSource {
 public:
  explicit SpeakerShow(BgpSpeaker& speaker) : speaker_(speaker) {}

  show::InstanceView instance(Afi afi) const override;
  std::vector<show::RouteView> routes(Afi afi) const override;
  std::optional<show::RouteView> route(Afi afi, const net::Prefix& prefix) const override;
  std::optional<show::RouteView> lookup(Afi afi, const net::IpAddress& address) const override;
  std::optional<std::vector<show::AdvertisedView>> adj_rib(Afi afi, const std::string& peer,
                                                           bool advertised) const override;
  bool clear(std::optional<std::string> peer, show::ClearMode mode,
             std::optional<Afi> afi) override;

 private:
  show::PeerView peer_view(const BgpSpeaker::PeerEntry& entry) const;
  show::RouteView route_view(Afi afi, DestId id) const;

  BgpSpeaker& speaker_;
};

}  // namespace cfn::bgp
