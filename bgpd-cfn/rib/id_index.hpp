// IdIndex: an open-addressing hash index of 32-bit ids whose keys live elsewhere (linear
// probing, backward-shift deletion, power-of-two slots grown at 3/4 load). Each 8-byte slot
// keeps the low 32 bits of its key's hash next to the id: probes, growth and erase never
// touch the keys, and a key is compared only when those bits match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bgpd-cfn/rib/rib_ids.hpp"

namespace cfn::bgp {

class IdIndex {
 public:
  // The id whose key `matches`, or kNoId. `hash` is the key's hash.
  template <typename Matches>
  std::uint32_t find(std::uint64_t hash, Matches matches) const {
    if (slots_.empty()) return kNoId;
    const auto tag = static_cast<std::uint32_t>(hash);
    for (std::size_t i = tag & mask();; i = next(i)) {
      const Slot& slot = slots_[i];
      if (slot.id == kNoId) return kNoId;
      if (slot.hash == tag && matches(slot.id)) return slot.id;
    }
  }

  // Adds `id` (not present) under `hash`.
  void insert(std::uint32_t id, std::uint64_t hash) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    place(Slot{static_cast<std::uint32_t>(hash), id});
    ++size_;
  }

  // Removes `id` (present), stored under `hash`.
  void erase(std::uint32_t id, std::uint64_t hash) {
    std::size_t hole = static_cast<std::uint32_t>(hash) & mask();
    while (slots_[hole].id != id) hole = next(hole);
    // Backward shift: pull up each later slot of the run whose home is not after the hole.
    for (std::size_t j = next(hole); slots_[j].id != kNoId; j = next(j)) {
      if (((j - slots_[j].hash) & mask()) >= ((j - hole) & mask())) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole] = Slot{};
    --size_;
  }

  std::size_t size() const { return size_; }
  std::size_t memory_usage() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t hash = 0;  // the low 32 bits of the key's hash: home slot and tag
    std::uint32_t id = kNoId;
  };

  std::size_t mask() const { return slots_.size() - 1; }
  std::size_t next(std::size_t i) const { return (i + 1) & mask(); }

  void place(const Slot& slot) {
    std::size_t i = slot.hash & mask();
    while (slots_[i].id != kNoId) i = next(i);
    slots_[i] = slot;
  }

  void grow() {
    std::vector<Slot> old(slots_.empty() ? 16 : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old)
      if (slot.id != kNoId) place(slot);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace cfn::bgp
