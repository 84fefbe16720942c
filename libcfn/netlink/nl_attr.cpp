// Netlink framing: message and attribute writing with 4-byte alignment, and the
// bounds-checked attribute and address readers the decoders share.
#include "libcfn/netlink/nl_attr.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>

namespace cfn::netlink {

MessageWriter::MessageWriter(Buffer& out, std::uint16_t type, std::uint16_t flags,
                             std::uint32_t seq)
    : out_(out), start_(out.size()) {
  nlmsghdr header{};
  header.nlmsg_type = type;
  header.nlmsg_flags = flags;
  header.nlmsg_seq = seq;
  put_struct(header);
}

std::size_t MessageWriter::put_bytes(std::span<const std::uint8_t> data) {
  // One resize (zero padding included) and one copy: this runs several times per route.
  const std::size_t offset = out_.size();
  out_.resize(offset + NLMSG_ALIGN(data.size()));
  if (!data.empty()) std::memcpy(out_.data() + offset, data.data(), data.size());
  auto length = static_cast<std::uint32_t>(out_.size() - start_);
  std::memcpy(out_.data() + start_, &length, sizeof(length));  // nlmsg_len comes first
  return offset;
}

// Header and value in one step (several attributes per route: the FIB writes millions).
void MessageWriter::put_attribute(std::uint16_t type, std::span<const std::uint8_t> data) {
  const std::size_t offset = out_.size();
  nlattr header{};
  header.nla_len = static_cast<std::uint16_t>(NLA_HDRLEN + data.size());  // padding excluded
  header.nla_type = type;
  out_.resize(offset + NLA_ALIGN(header.nla_len));  // zero padding included
  std::memcpy(out_.data() + offset, &header, sizeof(header));
  if (!data.empty()) std::memcpy(out_.data() + offset + NLA_HDRLEN, data.data(), data.size());
  auto length = static_cast<std::uint32_t>(out_.size() - start_);
  std::memcpy(out_.data() + start_, &length, sizeof(length));  // nlmsg_len comes first
}

void MessageWriter::put_address(std::uint16_t type, const net::IpAddress& address) {
  put_attribute(type, std::span(address.bytes()).first(address.bit_length() / 8));
}

std::size_t MessageWriter::begin_attribute(std::uint16_t type) {
  nlattr header{};
  header.nla_type = type;
  return put_struct(header);
}

void MessageWriter::end(std::size_t start) {
  auto length = static_cast<std::uint16_t>(out_.size() - start);
  std::memcpy(out_.data() + start, &length, sizeof(length));
}

std::optional<net::IpAddress> read_address(std::span<const std::uint8_t> data, net::Family family) {
  if (family == net::Family::kV4) {
    auto value = read_scalar<std::uint32_t>(data);
    if (!value) return std::nullopt;
    return net::IpAddress::from_v4(ntohl(*value));
  }
  if (data.size() != 16) return std::nullopt;
  net::IpAddress::Bytes bytes;
  std::copy(data.begin(), data.end(), bytes.begin());
  return net::IpAddress::from_v6(bytes);
}

std::optional<net::Family> family_from_af(std::uint8_t af) {
  if (af == AF_INET) return net::Family::kV4;
  if (af == AF_INET6) return net::Family::kV6;
  return std::nullopt;
}

std::uint8_t af_from_family(net::Family family) {
  return family == net::Family::kV4 ? AF_INET : AF_INET6;
}

std::string_view next_attribute(std::span<const std::uint8_t>& data, Attribute& attribute) {
  if (data.size() < NLA_HDRLEN) return "truncated attribute header";
  nlattr header;
  std::memcpy(&header, data.data(), sizeof(header));
  if (header.nla_len < NLA_HDRLEN) return "attribute length smaller than its header";
  if (header.nla_len > data.size()) return "attribute length past the end";
  attribute.type = header.nla_type & NLA_TYPE_MASK;
  attribute.data = data.subspan(NLA_HDRLEN, header.nla_len - NLA_HDRLEN);
  data = data.subspan(std::min<std::size_t>(NLA_ALIGN(header.nla_len), data.size()));
  return {};
}

}  // namespace cfn::netlink
