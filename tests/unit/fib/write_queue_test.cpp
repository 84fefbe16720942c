// Tests for WriteQueue: whole messages packed into bounded writes.
#include <catch2/catch.hpp>

#include "libcfn/fib/fib_request.hpp"
#include "libcfn/fib/write_queue.hpp"

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
