// kernel-driver: runs KernelListener on an io_context and prints, one JSON object a line,
// every event it delivers and, after each, how the watched next hops resolve when that
// changed. Usage: kernel-driver [--watch ADDRESS]... ; stops on SIGTERM/SIGINT.
#include <csignal>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "libcfn/kernel/kernel_listener.hpp"

namespace {

using cfn::kernel::KernelListener;
using Json = nlohmann::json;

std::string_view change_name(cfn::kernel::LinkChange change) {
  switch (change) {
    case cfn::kernel::LinkChange::kAdded:
      return "added";
    case cfn::kernel::LinkChange::kUp:
      return "up";
    case cfn::kernel::LinkChange::kDown:
      return "down";
    case cfn::kernel::LinkChange::kChanged:
      return "changed";
    case cfn::kernel::LinkChange::kRemoved:
      return "removed";
  }
  return "?";
}

Json route_json(const cfn::netlink::Route& route) {
  Json nexthops = Json::array();
  for (const auto& nh : route.nexthops) {
    Json j{{"ifindex", nh.ifindex}, {"weight", nh.weight}};
    if (nh.gateway) j["gateway"] = nh.gateway->to_string();
    nexthops.push_back(j);
  }
  return {{"prefix", route.prefix.to_string()},
          {"protocol", route.protocol},
          {"metric", route.metric},
          {"type", route.type},
          {"nexthops", nexthops}};
}

Json event_json(const cfn::kernel::KernelEvent& event) {
  using namespace cfn::kernel;
  return std::visit(
      [](const auto& e) -> Json {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, LinkEvent>) {
          return {{"event", "link"},
                  {"change", change_name(e.change)},
                  {"ifindex", e.link.ifindex},
                  {"name", e.link.name},
                  {"operational", operational(e.link)}};
        } else if constexpr (std::is_same_v<T, AddressEvent>) {
          return {{"event", "address"},
                  {"change", e.added ? "added" : "removed"},
                  {"ifindex", e.address.ifindex},
                  {"address",
                   e.address.address.to_string() + "/" + std::to_string(e.address.prefix_length)}};
        } else if constexpr (std::is_same_v<T, RouteEvent>) {
          Json j = route_json(e.route);
          j["event"] = "route";
          j["change"] = e.added ? "added" : "removed";
          return j;
        } else {
          return {{"event", "synced"}};
        }
      },
      event);
}

Json resolution_json(const KernelListener& listener, const cfn::net::IpAddress& address) {
  Json j{{"event", "resolve"},
         {"address", address.to_string()},
         {"route", nullptr},
         {"nexthops", nullptr}};
  if (auto route = listener.routes().lookup(address)) j["route"] = route->prefix.to_string();
  if (auto resolved = listener.routes().resolve(address)) {
    j["nexthops"] = Json::array();
    for (const auto& nh : *resolved) {
      j["nexthops"].push_back({{"gateway", nh.gateway.to_string()},
                               {"ifindex", nh.ifindex},
                               {"interface", listener.interfaces().name(nh.ifindex)}});
    }
  }
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<cfn::net::IpAddress> watched;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto address = i + 1 < argc ? cfn::net::IpAddress::parse(argv[i + 1]) : std::nullopt;
    if (arg != "--watch" || !address) {
      std::cerr << "usage: kernel-driver [--watch ADDRESS]...\n";
      return 2;
    }
    watched.push_back(*address);
    ++i;
  }
  boost::asio::io_context io;
  KernelListener listener(io);
  std::map<cfn::net::IpAddress, Json> last;  // the resolution printed last, per address
  listener.subscribe([&](const cfn::kernel::KernelEvent& event) {
    std::cout << event_json(event).dump() << std::endl;
    for (const auto& address : watched) {
      Json now = resolution_json(listener, address);
      if (last[address] == now) continue;
      last[address] = now;
      std::cout << now.dump() << std::endl;
    }
  });
  std::string error;
  if (!listener.open(error)) {
    std::cerr << "kernel-driver: " << error << "\n";
    return 1;
  }
  boost::asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
  io.run();
  return 0;
}
