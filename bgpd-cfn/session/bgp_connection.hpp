// One TCP connection to a BGP peer on the daemon's io_context: cuts the incoming byte stream
// into whole messages (RFC 4271 4.1 framing, wire::frame_message) and writes queued messages
// in order. No BGP logic: the peer decodes, runs the FSM and decides what to send.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "bgpd-cfn/wire/decode.hpp"

namespace cfn::bgp {

class BgpConnection : public std::enable_shared_from_this<BgpConnection> {
 public:
  struct Handlers {
    // One whole message, header included; valid during the call only.
    std::function<void(std::span<const std::uint8_t>)> on_message;
    // The stream cannot be framed (RFC 4271 6.1): reading stops; send
    // `problem.notification`, then close_after_sending().
    std::function<void(const wire::Problem& problem)> on_framing_error;
    // The peer closed the connection, or reading or writing failed. Not after close().
    std::function<void(const boost::system::error_code&)> on_closed;
  };

  // Takes a connected socket; call start() to begin reading.
  static std::shared_ptr<BgpConnection> create(boost::asio::ip::tcp::socket socket,
                                               Handlers handlers);
  void start();
  // Queues one encoded message (or several back to back); written in order.
  void send(std::vector<std::uint8_t> bytes);
  // Stops reading and writing and closes the socket; no handler runs after this.
  void close();
  // Closes once everything queued is written (a NOTIFICATION goes out before the close).
  void close_after_sending();
  bool is_open() const { return open_; }

  // After OPEN: the negotiated context (extended messages raise the size limit).
  void set_context(const wire::DecodeContext& context) { context_ = context; }
  std::size_t queued_bytes() const { return queued_bytes_; }
  std::size_t queued_writes() const { return outbox_.size(); }
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  boost::asio::ip::tcp::endpoint remote_endpoint() const;

 private:
  BgpConnection(boost::asio::ip::tcp::socket socket, Handlers handlers);
  void read_some();
  void received(std::size_t bytes);
  void write_next();
  void fail(const boost::system::error_code& error);

  boost::asio::ip::tcp::socket socket_;
  Handlers handlers_;
  wire::DecodeContext context_;
  std::vector<std::uint8_t> read_buffer_;
  std::vector<std::uint8_t> inbox_;  // bytes received, not yet a whole message
  std::size_t inbox_start_ = 0;      // first byte of inbox_ not yet handed out
  std::deque<std::vector<std::uint8_t>> outbox_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool reading_ = true;   // until close() or a stream out of step
  bool open_ = true;      // until close()
  bool closing_ = false;  // close_after_sending() waits for the outbox
};

}  // namespace cfn::bgp
