// cfn-agent's local Unix datagram socket where services push their own metrics (queue depth,
// requests in flight, delay, rate, health), one line per datagram (service_push.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/datagram_protocol.hpp>

#include "libcfnmetric/agent/service_push.hpp"

namespace cfn::metric {

class PushListener {
 public:
  struct Counters {
    std::uint64_t accepted = 0;
    std::uint64_t refused = 0;
    std::string last_error;  // why the last refused datagram was refused
  };

  // on_push takes a parsed push and returns why it cannot be used ("" when used); either way
  // the datagram is counted.
  using Handler = std::function<std::string(ServicePush)>;

  PushListener(boost::asio::io_context& io, Handler on_push);
  ~PushListener();
  PushListener(const PushListener&) = delete;
  PushListener& operator=(const PushListener&) = delete;

  // Binds path (mode 0660; a stale socket file is replaced, anything else refused) and starts
  // receiving.
  bool open(const std::string& path, std::string& error);
  // Stops receiving and removes the socket file.
  void close();

  const Counters& counters() const { return counters_; }

 private:
  void receive();
  void handle(std::string_view datagram);

  boost::asio::local::datagram_protocol::socket socket_;
  Handler on_push_;
  std::string path_;
  std::vector<char> buffer_;
  Counters counters_;
  // Handlers hold a weak_ptr to this, so one that runs after destruction does nothing.
  std::shared_ptr<PushListener*> self_;
};

}  // namespace cfn::metric
