// Routes over rtnetlink: rtmsg with RTA_DST/RTA_PRIORITY/RTA_TABLE and one path
// (RTA_GATEWAY + RTA_OIF), several (RTA_MULTIPATH of rtnexthop) or a nexthop object (RTA_NH_ID).
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>

#include "libcfn/netlink/nl_attr.hpp"
#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::netlink {

namespace {

void encode_multipath(MessageWriter& writer, const std::vector<NextHop>& nexthops) {
  // The kernel sends and expects RTA_MULTIPATH without NLA_F_NESTED.
  std::size_t multipath = writer.begin_attribute(RTA_MULTIPATH);
  for (const NextHop& nexthop : nexthops) {
    rtnexthop header{};
    header.rtnh_hops = static_cast<std::uint8_t>(std::clamp<int>(nexthop.weight, 1, 256) - 1);
    header.rtnh_ifindex = static_cast<int>(nexthop.ifindex);
    std::size_t start = writer.put_struct(header);
    if (nexthop.gateway) writer.put_address(RTA_GATEWAY, *nexthop.gateway);
    writer.end(start);
  }
  writer.end(multipath);
}

// The paths of RTA_MULTIPATH: rtnexthop structs, each followed by its own attributes.
std::string_view decode_multipath(std::span<const std::uint8_t> data, net::Family family,
                                  std::vector<NextHop>& nexthops) {
  nexthops.clear();  // a repeated attribute replaces the earlier one
  while (!data.empty()) {
    auto part = read_fixed_part<rtnexthop>(data);
    if (!part) return "truncated rtnexthop";
    const rtnexthop& header = part->fixed;
    if (header.rtnh_len < sizeof(rtnexthop)) return "rtnh_len smaller than rtnexthop";
    if (header.rtnh_len > data.size()) return "rtnh_len past the end of RTA_MULTIPATH";
    NextHop nexthop;
    nexthop.ifindex = static_cast<std::uint32_t>(header.rtnh_ifindex);
    nexthop.weight = static_cast<std::uint16_t>(header.rtnh_hops + 1);
    auto attributes = part->attributes.first(header.rtnh_len - RTNH_ALIGN(sizeof(rtnexthop)));
    auto error = for_each_attribute(attributes, [&](const Attribute& a) -> std::string_view {
      if (a.type != RTA_GATEWAY) return {};
      nexthop.gateway = read_address(a.data, family);
      return nexthop.gateway ? "" : "RTA_GATEWAY length does not match the family";
    });
    if (!error.empty()) return error;
    nexthops.push_back(nexthop);
    data = data.subspan(std::min<std::size_t>(RTNH_ALIGN(header.rtnh_len), data.size()));
  }
  return {};
}

}  // namespace

void encode_route(Buffer& out, std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                  const Route& route) {
  MessageWriter writer(out, type, NLM_F_REQUEST | flags, seq);
  rtmsg header{};
  header.rtm_family = af_from_family(route.prefix.family());
  header.rtm_dst_len = static_cast<std::uint8_t>(route.prefix.length());
  // Tables past 255 only fit RTA_TABLE; rtm_table then says RT_TABLE_UNSPEC, as iproute2 does.
  header.rtm_table = static_cast<std::uint8_t>(route.table < 256 ? route.table : 0);
  header.rtm_protocol = route.protocol;
  header.rtm_scope = route.scope;
  header.rtm_type = route.type;
  writer.put_struct(header);
  if (route.prefix.length() > 0) writer.put_address(RTA_DST, route.prefix.address());
  writer.put_scalar<std::uint32_t>(RTA_PRIORITY, route.metric);
  writer.put_scalar<std::uint32_t>(RTA_TABLE, route.table);
  if (route.nexthop_id != 0) {
    // The kernel refuses paths next to RTA_NH_ID: the object holds them.
    writer.put_scalar<std::uint32_t>(RTA_NH_ID, route.nexthop_id);
  } else if (route.nexthops.size() == 1) {
    const NextHop& nexthop = route.nexthops.front();
    if (nexthop.gateway) writer.put_address(RTA_GATEWAY, *nexthop.gateway);
    if (nexthop.ifindex != 0) writer.put_scalar<std::uint32_t>(RTA_OIF, nexthop.ifindex);
  } else if (route.nexthops.size() > 1) {
    encode_multipath(writer, route.nexthops);
  }
}

Decoded<Route> decode_route(const MessageView& message) {
  if (message.header.type != RTM_NEWROUTE && message.header.type != RTM_DELROUTE)
    return refuse<Route>("not a route message");
  auto part = read_fixed_part<rtmsg>(message.payload);
  if (!part) return refuse<Route>("truncated rtmsg");
  const rtmsg& header = part->fixed;
  auto family = family_from_af(header.rtm_family);
  if (!family) return refuse<Route>("unsupported route family");
  Route route;
  if (*family == net::Family::kV6) route.prefix = net::Prefix(net::IpAddress::from_v6({}), 0);
  route.table = header.rtm_table;
  route.protocol = header.rtm_protocol;
  route.scope = header.rtm_scope;
  route.type = header.rtm_type;
  std::optional<net::IpAddress> destination;
  std::optional<net::IpAddress> gateway;
  std::uint32_t oif = 0;
  auto error = for_each_attribute(part->attributes, [&](const Attribute& a) -> std::string_view {
    switch (a.type) {
      case RTA_DST:
        destination = read_address(a.data, *family);
        return destination ? "" : "RTA_DST length does not match the family";
      case RTA_GATEWAY:
        gateway = read_address(a.data, *family);
        return gateway ? "" : "RTA_GATEWAY length does not match the family";
      case RTA_MULTIPATH:
        return decode_multipath(a.data, *family, route.nexthops);
      default:
        break;
    }
    std::uint32_t* target = a.type == RTA_PRIORITY ? &route.metric
                            : a.type == RTA_TABLE  ? &route.table
                            : a.type == RTA_OIF    ? &oif
                            : a.type == RTA_NH_ID  ? &route.nexthop_id
                                                   : nullptr;
    if (target == nullptr) return {};  // attributes cfn does not use
    auto value = read_scalar<std::uint32_t>(a.data);
    if (!value) return "bad u32 route attribute length";
    *target = *value;
    return {};
  });
  if (!error.empty()) return refuse<Route>(error);
  if (header.rtm_dst_len > route.prefix.address().bit_length())
    return refuse<Route>("rtm_dst_len too long for the family");
  if (header.rtm_dst_len > 0 && !destination) return refuse<Route>("rtm_dst_len without RTA_DST");
  if (destination) route.prefix = net::Prefix(*destination, header.rtm_dst_len);
  if (gateway || oif != 0) {
    if (!route.nexthops.empty()) return refuse<Route>("RTA_MULTIPATH next to RTA_GATEWAY/RTA_OIF");
    route.nexthops.push_back({gateway, oif, 1});
  }
  return {std::move(route), {}};
}

}  // namespace cfn::netlink
