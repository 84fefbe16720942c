// bgpd-cfn wired together (shared by main and the tests): the daemon runtime, the config
// and command table, and the BGP speaker started once the daemon serves.
#pragma once

#include "bgpd-cfn/bgp_config.hpp"
#include "bgpd-cfn/bgp_speaker.hpp"
#include "bgpd-cfn/bgp_speaker_show.hpp"
#include "libcfn/daemon/daemon_instance.hpp"

namespace cfn::bgp {

const daemon::DaemonIdentity& bgpd_identity();

class BgpdInstance : public daemon::DaemonInstance<BgpConfig> {
 public:
  explicit BgpdInstance(daemon::DaemonOptions options);

  BgpSpeaker& speaker() { return speaker_; }

 private:
  BgpSpeaker speaker_;
  SpeakerShow show_{speaker_};
};

}  // namespace cfn::bgp
