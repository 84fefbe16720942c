// Greedy UPDATE packing: the size of the message without routes is measured once, then each
// message takes routes until the next would not fit (see pack_updates.hpp).
#include "bgpd-cfn/wire/pack_updates.hpp"

#include "bgpd-cfn/wire/nlri.hpp"

namespace cfn::bgp::wire {
namespace {

// Room for routes, with slack for an MP attribute growing to the extended length form.
constexpr std::size_t kSlack = 2;

std::size_t max_size(const EncodeContext& context) {
  return context.extended_message ? kMaxExtendedMessageSize : kMaxMessageSize;
}

// Encodes `update` once per chunk of `routes` that fits; `place` puts a chunk into it.
template <typename Place>
std::size_t pack(Buffer& out, Update update, std::span<const net::Prefix> routes,
                 const EncodeContext& context, Place place) {
  Buffer probe;
  if (!encode_update(probe, update, context)) return 0;
  const std::size_t limit = max_size(context);
  if (probe.size() + kSlack >= limit) return 0;
  const std::size_t room = limit - probe.size() - kSlack;
  std::size_t messages = 0;
  while (!routes.empty()) {
    std::size_t used = 0, count = 0;
    while (count < routes.size() && used + prefix_size(routes[count]) <= room)
      used += prefix_size(routes[count++]);
    if (count == 0) return messages;  // not even one route fits
    place(update, routes.first(count));
    if (!encode_update(out, update, context)) return messages;
    ++messages;
    routes = routes.subspan(count);
  }
  return messages;
}

}  // namespace

std::size_t pack_announcements(Buffer& out, const PathAttributes& attributes,
                               std::span<const net::Prefix> nlri, const EncodeContext& context) {
  if (nlri.empty()) return 0;
  Update update;
  update.attributes = attributes;
  if (nlri.front().is_v4()) {
    return pack(out, std::move(update), nlri, context,
                [](Update& u, std::span<const net::Prefix> chunk) {
                  u.nlri.assign(chunk.begin(), chunk.end());
                });
  }
  MpReach reach;
  reach.afi_safi = kIpv6Unicast;
  if (attributes.next_hop) reach.next_hop = *attributes.next_hop;
  update.attributes.next_hop.reset();
  update.mp_reach = std::move(reach);
  return pack(out, std::move(update), nlri, context,
              [](Update& u, std::span<const net::Prefix> chunk) {
                u.mp_reach->nlri.assign(chunk.begin(), chunk.end());
              });
}

std::size_t pack_withdrawals(Buffer& out, std::span<const net::Prefix> prefixes,
                             const EncodeContext& context) {
  if (prefixes.empty()) return 0;
  Update update;
  if (prefixes.front().is_v4()) {
    return pack(out, std::move(update), prefixes, context,
                [](Update& u, std::span<const net::Prefix> chunk) {
                  u.withdrawn.assign(chunk.begin(), chunk.end());
                });
  }
  update.mp_unreach = MpUnreach{kIpv6Unicast, {}};
  return pack(out, std::move(update), prefixes, context,
              [](Update& u, std::span<const net::Prefix> chunk) {
                u.mp_unreach->withdrawn.assign(chunk.begin(), chunk.end());
              });
}

}  // namespace cfn::bgp::wire
