// Nexthop objects over rtnetlink: nhmsg with NHA_ID and a gateway/interface, a blackhole, or
// a group (NHA_GROUP of nexthop_grp; resilient ones with NHA_GROUP_TYPE and NHA_RES_GROUP).
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <limits>

#include "libcfn/netlink/nl_attr.hpp"
#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::netlink {

namespace {

// The resilient group timers travel as clock_t (USER_HZ = 100 ticks a second) both ways:
// iproute2 multiplies the seconds it is given by 100 and divides what it dumps by 100.
constexpr std::uint32_t kUserHz = 100;

std::uint32_t seconds_to_clock_t(std::uint32_t seconds) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(
      std::uint64_t{seconds} * kUserHz, std::numeric_limits<std::uint32_t>::max()));
}

void encode_group(MessageWriter& writer, const NexthopObject& nexthop) {
  std::vector<nexthop_grp> members;
  for (const GroupMember& member : nexthop.group) {
    nexthop_grp entry{};
    entry.id = member.id;
    entry.weight = static_cast<std::uint8_t>(std::clamp<int>(member.weight, 1, 256) - 1);
    members.push_back(entry);
  }
  writer.put_attribute(NHA_GROUP, {reinterpret_cast<const std::uint8_t*>(members.data()),
                                   members.size() * sizeof(nexthop_grp)});
  if (!nexthop.resilient) return;
  writer.put_scalar<std::uint16_t>(NHA_GROUP_TYPE, NEXTHOP_GRP_TYPE_RES);
  std::size_t start = writer.begin_attribute(NHA_RES_GROUP | NLA_F_NESTED);
  writer.put_scalar<std::uint16_t>(NHA_RES_GROUP_BUCKETS, nexthop.buckets);
  writer.put_scalar<std::uint32_t>(NHA_RES_GROUP_IDLE_TIMER,
                                   seconds_to_clock_t(nexthop.idle_timer_s));
  writer.put_scalar<std::uint32_t>(NHA_RES_GROUP_UNBALANCED_TIMER,
                                   seconds_to_clock_t(nexthop.unbalanced_timer_s));
  writer.end(start);
}

std::string_view decode_group(std::span<const std::uint8_t> data, std::vector<GroupMember>& group) {
  if (data.empty() || data.size() % sizeof(nexthop_grp) != 0)
    return "NHA_GROUP length not a positive multiple of nexthop_grp";
  group.clear();  // a repeated attribute replaces the earlier one
  for (; !data.empty(); data = data.subspan(sizeof(nexthop_grp))) {
    auto entry = read_fixed_part<nexthop_grp>(data)->fixed;
    group.push_back({entry.id, static_cast<std::uint16_t>(entry.weight + 1)});
  }
  return {};
}

std::string_view decode_resilient(std::span<const std::uint8_t> data, NexthopObject& nexthop) {
  return for_each_attribute(data, [&](const Attribute& a) -> std::string_view {
    if (a.type == NHA_RES_GROUP_BUCKETS) {
      auto buckets = read_scalar<std::uint16_t>(a.data);
      if (!buckets) return "bad NHA_RES_GROUP_BUCKETS length";
      nexthop.buckets = *buckets;
    } else if (a.type == NHA_RES_GROUP_IDLE_TIMER || a.type == NHA_RES_GROUP_UNBALANCED_TIMER) {
      auto ticks = read_scalar<std::uint32_t>(a.data);
      if (!ticks) return "bad NHA_RES_GROUP timer length";
      (a.type == NHA_RES_GROUP_IDLE_TIMER ? nexthop.idle_timer_s : nexthop.unbalanced_timer_s) =
          *ticks / kUserHz;
    }
    return {};
  });
}

}  // namespace

void encode_nexthop(Buffer& out, std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                    const NexthopObject& nexthop) {
  MessageWriter writer(out, type, NLM_F_REQUEST | flags, seq);
  nhmsg header{};
  header.nh_family = !nexthop.group.empty() ? AF_UNSPEC
                     : nexthop.gateway      ? af_from_family(nexthop.gateway->family())
                                            : af_from_family(nexthop.family);
  header.nh_protocol = nexthop.protocol;
  writer.put_struct(header);
  if (nexthop.id != 0) writer.put_scalar<std::uint32_t>(NHA_ID, nexthop.id);
  if (!nexthop.group.empty()) return encode_group(writer, nexthop);
  if (nexthop.blackhole) return writer.put_flag(NHA_BLACKHOLE);
  if (nexthop.gateway) writer.put_address(NHA_GATEWAY, *nexthop.gateway);
  if (nexthop.ifindex != 0) writer.put_scalar<std::uint32_t>(NHA_OIF, nexthop.ifindex);
}

Decoded<NexthopObject> decode_nexthop(const MessageView& message) {
  if (message.header.type != RTM_NEWNEXTHOP && message.header.type != RTM_DELNEXTHOP)
    return refuse<NexthopObject>("not a nexthop message");
  auto part = read_fixed_part<nhmsg>(message.payload);
  if (!part) return refuse<NexthopObject>("truncated nhmsg");
  NexthopObject nexthop;
  nexthop.protocol = part->fixed.nh_protocol;
  if (part->fixed.nh_family != AF_UNSPEC) {  // groups
    auto family = family_from_af(part->fixed.nh_family);
    if (!family) return refuse<NexthopObject>("unsupported nexthop family");
    nexthop.family = *family;
  }
  auto error = for_each_attribute(part->attributes, [&](const Attribute& a) -> std::string_view {
    switch (a.type) {
      case NHA_ID:
      case NHA_OIF: {
        auto value = read_scalar<std::uint32_t>(a.data);
        if (!value) return a.type == NHA_ID ? "bad NHA_ID length" : "bad NHA_OIF length";
        (a.type == NHA_ID ? nexthop.id : nexthop.ifindex) = *value;
        return {};
      }
      case NHA_GATEWAY:
        if (part->fixed.nh_family == AF_UNSPEC) return "NHA_GATEWAY without a family";
        nexthop.gateway = read_address(a.data, nexthop.family);
        return nexthop.gateway ? "" : "NHA_GATEWAY length does not match the family";
      case NHA_BLACKHOLE:
        nexthop.blackhole = true;
        return {};
      case NHA_GROUP:
        return decode_group(a.data, nexthop.group);
      case NHA_GROUP_TYPE: {
        auto group_type = read_scalar<std::uint16_t>(a.data);
        if (!group_type) return "bad NHA_GROUP_TYPE length";
        nexthop.resilient = *group_type == NEXTHOP_GRP_TYPE_RES;
        return {};
      }
      case NHA_RES_GROUP:
        return decode_resilient(a.data, nexthop);
      default:
        return {};  // attributes cfn does not use
    }
  });
  if (!error.empty()) return refuse<NexthopObject>(error);
  return {std::move(nexthop), {}};
}

}  // namespace cfn::netlink
