// Destination: one prefix of a RibTable with every peer's path to it, in arrival order (the
// first path inline, two or more in one heap array), and the table's marks. 36 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "bgpd-cfn/rib/rib_ids.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

// One peer's path (Adj-RIB-In post-policy entry). 12 bytes.
struct Path {
  static constexpr std::uint8_t kBest = 1;       // the selected path
  static constexpr std::uint8_t kMultipath = 2;  // in the multipath set (the best is too)

  AttrId attributes = 0;
  NextHopId next_hop = kNoNextHop;
  PeerId peer = 0;
  std::uint8_t flags = 0;

  bool best() const { return flags & kBest; }
  bool multipath() const { return flags & kMultipath; }
};

class Destination {
 public:
  static constexpr std::uint8_t kLive = 1;          // the slot holds a prefix
  static constexpr std::uint8_t kDirty = 2;         // waits for the decision process
  static constexpr std::uint8_t kInstalled = 4;     // has a selection (reported to the caller)
  static constexpr std::uint8_t kLostSelected = 8;  // a selected path went since the decision

  Destination() = default;
  Destination(const Destination&) = delete;
  Destination& operator=(const Destination&) = delete;
  ~Destination() { clear(); }

  // In arrival order: the older path comes first (FRR's "Older Path" step).
  std::span<Path> paths() { return {data(), size_}; }
  std::span<const Path> paths() const { return {data(), size_}; }
  std::size_t size() const { return size_; }
  // Appends (the newest path). At most 65535 paths.
  void push_back(const Path& path);
  // Removes paths()[index], keeping the order of the others.
  void erase(std::size_t index);
  void clear();
  // Bytes on the heap (0 for one path).
  std::size_t heap_bytes() const;

 private:
  Path* data() const;
  Path* heap() const;
  void set_heap(Path* array);

  // The path itself when size_ is 1; with more, its first 8 bytes hold the heap array's
  // address (memcpy'd: this keeps the class 4-aligned and 36 bytes). The array's capacity
  // is at least bit_ceil(size_): it grows when a push finds size_ a power of two.
  Path storage_{};
  std::uint16_t size_ = 0;

 public:
  net::Prefix prefix;
  std::uint8_t flags = 0;
  std::uint16_t holds = 0;  // Adj-RIB-Outs that advertise it or will re-examine it
};

}  // namespace cfn::bgp
