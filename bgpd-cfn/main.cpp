// bgpd-cfn: the CFN BGP-4 speaker. Today: configuration, vty and the daemon runtime; the
// protocol itself arrives with the BGP core issue.
#include "bgpd-cfn/bgpd_instance.hpp"

int main(int argc, char** argv) {
  using namespace cfn;
  return daemon::daemon_main({argv, static_cast<std::size_t>(argc)}, bgp::bgpd_identity(),
                             [](daemon::DaemonOptions options) {
                               bgp::BgpdInstance instance(std::move(options));
                               return instance.daemon().run();
                             });
}
