// libFuzzer target for the command/config parser: any bytes as an integrated config, read by
// both daemons. Properties: no crash; a config that loads prints, reloads, and prints the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bgpd-cfn/bgpd_instance.hpp"
#include "libcfn/cli/config_text.hpp"
#include "ospfd-cfn/ospfd_instance.hpp"
#include "spdlog/spdlog.h"

namespace {

// Long-lived daemons: every load starts from an empty candidate, so earlier inputs leave no
// trace in what a load accepts or prints.
struct Daemons {
  cfn::bgp::BgpdInstance bgpd{{}};
  cfn::ospfd::OspfdInstance ospfd{{}};

  std::string load_and_print(std::string_view text, bool& ok) {
    std::string errors;
    ok = bgpd.daemon().load_config_text(text, "fuzz.conf", errors);
    ok = ospfd.daemon().load_config_text(text, "fuzz.conf", errors) && ok;
    const std::string texts[] = {bgpd.daemon().running_config(), ospfd.daemon().running_config()};
    return cfn::cli::format_config(cfn::cli::merge_config_blocks(texts));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Daemons* const daemons = [] {
    spdlog::set_level(spdlog::level::off);
    return new Daemons[2];  // the input's daemons and the round trip's; never freed
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bool ok = false;
  std::string printed = daemons[0].load_and_print(text, ok);
  if (!ok) return 0;
  bool reloaded_ok = false;
  std::string reprinted = daemons[1].load_and_print(printed, reloaded_ok);
  if (!reloaded_ok || reprinted != printed) std::abort();  // the round trip must hold
  return 0;
}
