// ospfd-cfn: the CFN OSPFv2 speaker. Today: configuration, vty and the daemon runtime; the
// protocol itself arrives with a later issue.
#include "ospfd-cfn/ospfd_instance.hpp"

int main(int argc, char** argv) {
  using namespace cfn;
  return daemon::daemon_main({argv, static_cast<std::size_t>(argc)}, ospfd::ospfd_identity(),
                             [](daemon::DaemonOptions options) {
                               ospfd::OspfdInstance instance(std::move(options));
                               return instance.daemon().run();
                             });
}
