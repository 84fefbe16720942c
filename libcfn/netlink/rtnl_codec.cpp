// rtnetlink framing and the small messages: datagram splitting, acks, dump requests, links
// and addresses. Routes and nexthop objects live in rtnl_route.cpp and rtnl_nexthop.cpp.
#include "libcfn/netlink/rtnl_codec.hpp"

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cstring>

#include "libcfn/netlink/nl_attr.hpp"

namespace cfn::netlink {

namespace {

// A dump request: its type's header, all zero but for the family.
template <typename Header>
void encode_dump(Buffer& out, std::uint16_t type, std::uint32_t seq,
                 unsigned char Header::*family_field, std::uint8_t family) {
  Header header{};
  header.*family_field = family;
  MessageWriter writer(out, type, NLM_F_REQUEST | NLM_F_DUMP, seq);
  writer.put_struct(header);
}

}  // namespace

void encode_dump_request(Buffer& out, std::uint16_t type, std::uint8_t family, std::uint32_t seq) {
  switch (type) {
    case RTM_GETROUTE:
      return encode_dump(out, type, seq, &rtmsg::rtm_family, family);
    case RTM_GETNEXTHOP:
      return encode_dump(out, type, seq, &nhmsg::nh_family, family);
    case RTM_GETLINK:
      return encode_dump(out, type, seq, &ifinfomsg::ifi_family, family);
    case RTM_GETADDR:
      return encode_dump(out, type, seq, &ifaddrmsg::ifa_family, family);
    default:  // the legacy header every rtnetlink dump accepts
      return encode_dump(out, type, seq, &rtgenmsg::rtgen_family, family);
  }
}

Decoded<std::vector<MessageView>> split_messages(std::span<const std::uint8_t> datagram) {
  std::vector<MessageView> messages;
  while (!datagram.empty()) {
    if (datagram.size() < sizeof(nlmsghdr))
      return refuse<std::vector<MessageView>>("truncated message header");
    nlmsghdr header;
    std::memcpy(&header, datagram.data(), sizeof(header));
    if (header.nlmsg_len < sizeof(nlmsghdr))
      return refuse<std::vector<MessageView>>("nlmsg_len smaller than the header");
    if (header.nlmsg_len > datagram.size())
      return refuse<std::vector<MessageView>>("nlmsg_len past the end of the datagram");
    messages.push_back({{header.nlmsg_type, header.nlmsg_flags, header.nlmsg_seq, header.nlmsg_pid},
                        datagram.subspan(sizeof(nlmsghdr), header.nlmsg_len - sizeof(nlmsghdr))});
    // The next message starts aligned; the last one may lack its padding.
    datagram =
        datagram.subspan(std::min<std::size_t>(NLMSG_ALIGN(header.nlmsg_len), datagram.size()));
  }
  return {std::move(messages), {}};
}

Decoded<Ack> decode_ack(const MessageView& message) {
  if (message.header.type != NLMSG_ERROR) return refuse<Ack>("not an NLMSG_ERROR message");
  auto error = read_fixed_part<nlmsgerr>(message.payload);
  if (!error) return refuse<Ack>("truncated nlmsgerr");
  if (error->fixed.error > 0) return refuse<Ack>("positive error in nlmsgerr");
  return {Ack{error->fixed.error, message.header.seq}, {}};
}

Decoded<Link> decode_link(const MessageView& message) {
  if (message.header.type != RTM_NEWLINK && message.header.type != RTM_DELLINK)
    return refuse<Link>("not a link message");
  auto part = read_fixed_part<ifinfomsg>(message.payload);
  if (!part) return refuse<Link>("truncated ifinfomsg");
  Link link;
  link.ifindex = static_cast<std::uint32_t>(part->fixed.ifi_index);
  link.flags = part->fixed.ifi_flags;
  auto error = for_each_attribute(part->attributes, [&](const Attribute& a) -> std::string_view {
    if (a.type == IFLA_IFNAME) {
      auto end = std::find(a.data.begin(), a.data.end(), std::uint8_t{0});
      if (end == a.data.end()) return "IFLA_IFNAME without its terminating NUL";
      link.name.assign(a.data.begin(), end);
    } else if (a.type == IFLA_MTU) {
      auto mtu = read_scalar<std::uint32_t>(a.data);
      if (!mtu) return "bad IFLA_MTU length";
      link.mtu = *mtu;
    }
    return {};
  });
  if (!error.empty()) return refuse<Link>(error);
  return {std::move(link), {}};
}

Decoded<Address> decode_address(const MessageView& message) {
  if (message.header.type != RTM_NEWADDR && message.header.type != RTM_DELADDR)
    return refuse<Address>("not an address message");
  auto part = read_fixed_part<ifaddrmsg>(message.payload);
  if (!part) return refuse<Address>("truncated ifaddrmsg");
  auto family = family_from_af(part->fixed.ifa_family);
  if (!family) return refuse<Address>("unsupported address family");
  std::optional<net::IpAddress> local;
  std::optional<net::IpAddress> address;
  auto error = for_each_attribute(part->attributes, [&](const Attribute& a) -> std::string_view {
    if (a.type != IFA_LOCAL && a.type != IFA_ADDRESS) return {};
    auto value = read_address(a.data, *family);
    if (!value) return "address length does not match the family";
    (a.type == IFA_LOCAL ? local : address) = value;
    return {};
  });
  if (!error.empty()) return refuse<Address>(error);
  // IPv4 point-to-point links put the peer in IFA_ADDRESS and our address in IFA_LOCAL.
  auto chosen =
      *family == net::Family::kV4 ? (local ? local : address) : (address ? address : local);
  if (!chosen) return refuse<Address>("no IFA_LOCAL or IFA_ADDRESS");
  if (part->fixed.ifa_prefixlen > chosen->bit_length())
    return refuse<Address>("prefix length too long for the family");
  return {Address{static_cast<std::uint32_t>(part->fixed.ifa_index), *chosen,
                  part->fixed.ifa_prefixlen},
          {}};
}

}  // namespace cfn::netlink
