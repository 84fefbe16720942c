// Tests for WriteQueue: whole messages packed into bounded writes.
#include <catch2/catch.hpp>

#include "libcfn/fib/fib_request.hpp"
#include "libcfn/fib/write_queue.hpp"

#include <linux/netlink.h>

#include <cstring>
#include <vector>

using cfn::fib::WriteQueue;
using cfn::netlink::Buffer;

namespace {

auto bytes(std::size_t count, std::uint8_t value) {
  return [=](Buffer& out) { out.insert(out.end(), count, value); };
}

}  // namespace

TEST_CASE("WriteQueue packs messages into one write up to the limit", "[fib][write_queue]") {
  WriteQueue queue(100);
  CHECK(queue.empty());
  for (int i = 0; i < 3; ++i) queue.append(bytes(30, static_cast<std::uint8_t>(i)));
  REQUIRE(queue.writes() == 1);
  CHECK(queue.front().size() == 90);
  queue.append(bytes(30, 3));  // would make 120: starts the next write, whole
  REQUIRE(queue.writes() == 2);
  CHECK(queue.front() == Buffer{[] {
          Buffer b;
          for (std::uint8_t v = 0; v < 3; ++v) b.insert(b.end(), 30, v);
          return b;
        }()});
  queue.pop_front();
  CHECK(queue.front() == Buffer(30, 3));
}

TEST_CASE("WriteQueue gives an oversized message a write of its own", "[fib][write_queue]") {
  WriteQueue queue(100);
  queue.append(bytes(150, 1));
  queue.append(bytes(10, 2));
  REQUIRE(queue.writes() == 2);
  CHECK(queue.front() == Buffer(150, 1));
}

TEST_CASE("WriteQueue packs many encoded route requests into 256 KiB writes",
          "[fib][write_queue]") {
  WriteQueue queue;
  cfn::netlink::Route route;
  route.prefix = *cfn::net::Prefix::parse("10.0.0.0/24");
  route.nexthops.emplace_back().gateway = cfn::net::IpAddress::parse("10.9.0.2");
  const auto request = cfn::fib::Request::set_route(route);
  for (std::uint32_t seq = 1; seq <= 20000; ++seq)
    queue.append([&](Buffer& out) { cfn::fib::encode_request(out, request, seq); });
  std::size_t total = 0;
  while (!queue.empty()) {
    CHECK(queue.front().size() <= cfn::fib::kMaxWriteBytes);
    total += queue.front().size();
    queue.pop_front();
  }
  Buffer one;
  cfn::fib::encode_request(one, request, 1);
  CHECK(total == 20000 * one.size());
}

TEST_CASE("WriteQueue asks for an ack on the last message of each write only",
          "[fib][write_queue][ack]") {
  cfn::netlink::Route route;
  route.prefix = *cfn::net::Prefix::parse("10.0.0.0/24");
  route.nexthops.emplace_back().gateway = cfn::net::IpAddress::parse("10.9.0.2");
  const auto request = cfn::fib::Request::set_route(route);
  Buffer one;
  cfn::fib::encode_request(one, request, 1);
  WriteQueue queue(one.size() * 3);  // three messages a write
  for (std::uint32_t seq = 1; seq <= 7; ++seq)
    queue.append([&](Buffer& out) { cfn::fib::encode_request(out, request, seq); });
  REQUIRE(queue.writes() == 3);
  std::vector<std::uint32_t> acked_seqs;
  std::vector<std::uint32_t> acked_flags;
  while (!queue.empty()) {
    acked_seqs.push_back(queue.request_ack_on_front());
    const Buffer& write = queue.front();
    for (std::size_t offset = 0; offset < write.size();) {
      nlmsghdr header;
      std::memcpy(&header, write.data() + offset, sizeof(header));
      if (header.nlmsg_flags & NLM_F_ACK) acked_flags.push_back(header.nlmsg_seq);
      offset += NLMSG_ALIGN(header.nlmsg_len);
    }
    queue.pop_front();
  }
  CHECK(acked_seqs == std::vector<std::uint32_t>{3, 6, 7});
  CHECK(acked_flags == std::vector<std::uint32_t>{3, 6, 7});
}

TEST_CASE("seq_before orders sequence numbers across the wrap", "[fib][write_queue][ack]") {
  using cfn::fib::seq_before;
  CHECK(seq_before(1, 2));
  CHECK_FALSE(seq_before(2, 2));
  CHECK_FALSE(seq_before(3, 2));
  CHECK(seq_before(UINT32_MAX, 1));
  CHECK_FALSE(seq_before(1, UINT32_MAX));
}
