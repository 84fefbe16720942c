// The kernel listener: its own rtnetlink socket on the daemon's io_context, subscribed to
// link, address and route notifications (IPv4 and IPv6), with a full dump at start and after
// ENOBUFS. It keeps the interface and kernel route tables and posts events to subscribers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "libcfn/kernel/kernel_events.hpp"
#include "libcfn/kernel/kernel_state.hpp"

namespace cfn::kernel {

class KernelListener {
 public:
  using Handler = std::function<void(const KernelEvent&)>;

  // Routes of `ignored_protocol` (the daemon's own: its FIB tracks them) are neither kept nor
  // reported; 0 keeps every route.
  explicit KernelListener(boost::asio::io_context& io, std::uint8_t ignored_protocol = 0);
  ~KernelListener();
  KernelListener(const KernelListener&) = delete;
  KernelListener& operator=(const KernelListener&) = delete;

  // Opens the socket, joins RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR,
  // RTNLGRP_IPV4_ROUTE and RTNLGRP_IPV6_ROUTE, and starts the dump of links, addresses and
  // routes. False with `error` if the socket cannot be set up.
  bool open(std::string& error);
  void close();

  // Each event is posted to the loop and handed to every subscriber in subscription order.
  // The tables below are already current when a handler runs.
  void subscribe(Handler handler);

  const InterfaceTable& interfaces() const;
  const KernelRoutes& routes() const;
  // True once the first full dump is in.
  bool synced() const;
  // Full dumps done after the first (ENOBUFS, interrupted dumps).
  std::uint64_t resyncs() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cfn::kernel
