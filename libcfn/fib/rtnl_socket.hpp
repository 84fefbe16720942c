// RtnlSocket: a NETLINK_ROUTE socket on the daemon's io_context: large buffers, extended
// and capped acks, sequence numbers, a send queue packed into large writes, acks matched
// to their request by sequence number, one dump at a time, and a blocking receive for
// shutdown and tests. Lost answers (ENOBUFS, no ack for 5 s) are reported to the owner.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
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
  // 0 for an ack, else the positive errno the kernel answered.
  using AckHandler = std::function<void(std::uint32_t seq, int error)>;
  using MessageHandler = std::function<void(const netlink::MessageView&)>;
  // 0 after NLMSG_DONE; EINTR when the kernel flagged the dump inconsistent; else the errno.
  using DoneHandler = std::function<void(int error)>;
  // ENOBUFS (answers were dropped) or ETIMEDOUT (no answer for kAckTimeout). Every pending
  // ack and dump is dropped before the call: the owner resynchronizes by dump.
  using LostHandler = std::function<void(int error)>;

  explicit RtnlSocket(boost::asio::io_context& io);
  ~RtnlSocket();
  RtnlSocket(const RtnlSocket&) = delete;
  RtnlSocket& operator=(const RtnlSocket&) = delete;

  bool open(std::string& error);
  bool is_open() const { return descriptor_.is_open(); }
  void on_lost(LostHandler handler) { on_lost_ = std::move(handler); }

  // Queues one request, encoded by `encode` under the sequence number it is given; `on_ack`
  // gets the kernel's answer. Sent by the next flush().
  std::uint32_t request(const std::function<void(netlink::Buffer&, std::uint32_t seq)>& encode,
                        AckHandler on_ack);
  // Writes the queue (writes of up to 256 KiB, whole messages each).
  void flush();
  // Sends an NLM_F_DUMP request of `type` for `family` after what is queued; dumps run one
  // after another (the kernel allows one per socket).
  void dump(std::uint16_t type, std::uint8_t family, MessageHandler on_message,
            DoneHandler on_done);

  // Blocks until one datagram has been received and dispatched (true) or `deadline` passed.
  bool receive_blocking(Clock::time_point deadline);

 private:
  struct Pending {
    AckHandler on_ack;
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
  std::vector<std::uint8_t> read_buffer_;
  std::uint32_t next_seq_ = 1;
  WriteQueue queue_;
  std::map<std::uint32_t, Pending> pending_;
  std::deque<Dump> dumps_;
  Clock::time_point last_answer_{};
  LostHandler on_lost_;
};

}  // namespace cfn::fib
