// Blocking client for FRR's vty Unix socket protocol (vtysh-cfn and tests): sends command lines,
// reads their framed replies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/vty/vty_connection.hpp"
#include "libcfn/vty/vty_framing.hpp"

namespace cfn::vty {

class VtyClient {
 public:
  VtyClient() = default;
  ~VtyClient();
  VtyClient(const VtyClient&) = delete;
  VtyClient& operator=(const VtyClient&) = delete;

  // Connects to the daemon's vty socket (e.g. /var/run/cfn/bgpd.vty); closes any previous one.
  bool connect(const std::string& path, std::string& error);
  // Sends one line and waits for its reply; nullopt (and closed) on an I/O error or EOF.
  std::optional<VtyReply> execute(std::string_view line);
  // Pipelines the lines in one write and waits for all their replies, in order.
  std::optional<std::vector<VtyReply>> execute_all(const std::vector<std::string>& lines);
  bool connected() const { return fd_ >= 0; }
  void close();

 private:
  bool send_all(std::string_view bytes);

  int fd_ = -1;
  ReplyDecoder decoder_;
};

}  // namespace cfn::vty
