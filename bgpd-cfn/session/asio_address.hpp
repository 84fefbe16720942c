// Conversions between cfn's IpAddress and Boost.Asio's address (sockets speak Asio).
#pragma once

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "libcfn/net/address.hpp"

namespace cfn::bgp {

inline boost::asio::ip::address to_asio(const net::IpAddress& address) {
  if (address.is_v4()) return boost::asio::ip::address_v4(address.v4_value());
  boost::asio::ip::address_v6::bytes_type bytes;
  std::copy(address.bytes().begin(), address.bytes().end(), bytes.begin());
  return boost::asio::ip::address_v6(bytes);
}

// IPv4-mapped IPv6 addresses (an IPv4 peer on a dual-stack socket) come back as IPv4.
inline net::IpAddress from_asio(const boost::asio::ip::address& address) {
  if (address.is_v4()) return net::IpAddress::from_v4(address.to_v4().to_uint());
  const boost::asio::ip::address_v6 v6 = address.to_v6();
  if (v6.is_v4_mapped())
    return net::IpAddress::from_v4(
        boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_uint());
  net::IpAddress::Bytes bytes;
  const auto raw = v6.to_bytes();
  std::copy(raw.begin(), raw.end(), bytes.begin());
  return net::IpAddress::from_v6(bytes);
}

}  // namespace cfn::bgp
