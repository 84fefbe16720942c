// RtnlSocket: a NETLINK_ROUTE socket on the daemon's io_context: large buffers, extended
// and capped acks, sequence numbers, a send queue packed into large writes (an ack asked for
// on the last request of each write only), answers passed to the owner by sequence number,
// one dump at a time, and a blocking receive for shutdown and tests. Lost answers (ENOBUFS,
// no answer at all for 5 s while one is awaited) are reported to the owner.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "libcfn/fib/write_queue.hpp"
#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::fib {

inline constexpr int kSocketBufferBytes = 32 * 1024 * 1024;
inline constexpr std::chrono::seconds kAckTimeout{5};

class RtnlSocket {
 public:
  using Clock = std::chrono::steady_clock;
  // 0 for an ack, else the positive errno the kernel answered for request `seq`. The kernel
  // processes requests in order: an answer for `seq` means every earlier request is done too
  // (a refused one was answered with its errno before).
  using AckHandler = std::function<void(std::uint32_t seq, int error)>;
  using MessageHandler = std::function<void(const netlink::MessageView&)>;
  // 0 after NLMSG_DONE; EINTR when the kernel flagged the dump inconsistent; else the errno.
  using DoneHandler = std::function<void(int error)>;
  // ENOBUFS (answers were dropped) or ETIMEDOUT (no answer for kAckTimeout while an ack was
  // awaited). Every awaited ack and dump is dropped before the call: the owner resynchronizes.
  using LostHandler = std::function<void(int error)>;

  explicit RtnlSocket(boost::asio::io_context& io);
  ~RtnlSocket();
  RtnlSocket(const RtnlSocket&) = delete;
  RtnlSocket& operator=(const RtnlSocket&) = delete;

  bool open(std::string& error);
  bool is_open() const { return descriptor_.is_open(); }
  void on_lost(LostHandler handler) { on_lost_ = std::move(handler); }
  // Gets every answer to a request (not to a dump).
  void on_answer(AckHandler handler) { on_answer_ = std::move(handler); }

  // Queues one request, encoded (without NLM_F_ACK) by `encode` under the sequence number it
  // is given. Sent by the next flush().
  template <typename Encode>
  std::uint32_t request(Encode&& encode) {
    const std::uint32_t seq = take_seq();
    queue_.append([&](netlink::Buffer& out) { encode(out, seq); });
    return seq;
  }
  // Writes the queue (writes of up to 256 KiB, whole messages each, the last asking for an
  // ack, so that every request is known done when that ack or any later answer arrives).
  void flush();
  // Sends an NLM_F_DUMP request of `type` for `family` after what is queued; dumps run one
  // after another (the kernel allows one per socket).
  void dump(std::uint16_t type, std::uint8_t family, MessageHandler on_message,
            DoneHandler on_done);

  // Blocks until one datagram has been received and dispatched (true) or `deadline` passed.
  bool receive_blocking(Clock::time_point deadline);
  // Dispatches every datagram already waiting, without blocking (answers to earlier writes:
  // the kernel handles a write inside sendmsg, so they are there before the loop runs again).
  void receive_ready();

 private:
  struct Awaited {  // the acked last request of a write
    std::uint32_t seq = 0;
    Clock::time_point sent;
  };
  struct Dump {
    std::uint16_t type = 0;
    std::uint8_t family = 0;
    MessageHandler on_message;
    DoneHandler on_done;
    std::uint32_t seq = 0;  // 0 until sent
    Clock::time_point sent;
    bool interrupted = false;
  };

  std::uint32_t take_seq();
  void answered(std::uint32_t seq);
  void start_read();
  void start_next_dump();
  void dispatch(std::span<const std::uint8_t> datagram);
  void finish_dump(int error);
  void lose(int error);
  void arm_timer();
  void check_timeout();
  bool write(const netlink::Buffer& bytes);

  boost::asio::posix::stream_descriptor descriptor_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;
  std::vector<std::uint8_t> read_buffer_;   // the pending asynchronous read's
  std::vector<std::uint8_t> ready_buffer_;  // receive_ready's
  std::uint32_t next_seq_ = 1;
  WriteQueue queue_;
  std::deque<Awaited> awaited_;  // in send order
  std::deque<Dump> dumps_;
  Clock::time_point last_answer_{};
  LostHandler on_lost_;
  AckHandler on_answer_;
};

}  // namespace cfn::fib
