// NLRI prefix list codec: validation pass, then one allocation and a tight decode loop.
#include "bgpd-cfn/wire/nlri.hpp"

#include <cstring>

namespace cfn::bgp::wire {

const char* decode_prefixes(std::span<const std::uint8_t> field, net::Family family,
                            std::vector<net::Prefix>& out) {
  const unsigned max_bits = family == net::Family::kV4 ? 32 : 128;
  std::size_t count = 0;
  for (std::size_t offset = 0; offset < field.size(); ++count) {
    const unsigned bits = field[offset];
    if (bits > max_bits) return "prefix length exceeds the address size";
    offset += 1 + (bits + 7) / 8;
    if (offset > field.size()) return "prefix runs past the end of the field";
  }
  out.reserve(out.size() + count);
  const std::uint8_t* p = field.data();
  const std::uint8_t* const end = p + field.size();
  while (p < end) {
    const unsigned bits = *p++;
    const unsigned octets = (bits + 7) / 8;
    if (family == net::Family::kV4) {
      std::uint32_t value = 0;
      for (unsigned i = 0; i < octets; ++i) value |= std::uint32_t{p[i]} << (24 - 8 * i);
      out.emplace_back(net::IpAddress::from_v4(value), bits);
    } else {
      net::IpAddress::Bytes bytes{};
      std::memcpy(bytes.data(), p, octets);
      out.emplace_back(net::IpAddress::from_v6(bytes), bits);
    }
    p += octets;
  }
  return nullptr;
}

void encode_prefix(std::vector<std::uint8_t>& out, const net::Prefix& prefix) {
  const auto& bytes = prefix.address().bytes();
  out.push_back(static_cast<std::uint8_t>(prefix.length()));
  out.insert(out.end(), bytes.begin(), bytes.begin() + (prefix.length() + 7) / 8);
}

void encode_prefixes(std::vector<std::uint8_t>& out, std::span<const net::Prefix> prefixes) {
  for (const net::Prefix& prefix : prefixes) encode_prefix(out, prefix);
}

}  // namespace cfn::bgp::wire
