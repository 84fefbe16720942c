// Big-endian reading with bounds checks (a cursor over a span) and appending to a buffer,
// for the BGP codec. A read past the end returns false and leaves the cursor in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cfn::bgp::wire {

inline std::uint32_t load_u32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::size_t remaining() const { return bytes_.size() - offset_; }
  bool empty() const { return remaining() == 0; }

  bool read_u8(std::uint8_t& value) {
    if (remaining() < 1) return false;
    value = bytes_[offset_++];
    return true;
  }
  bool read_u16(std::uint16_t& value) {
    if (remaining() < 2) return false;
    value = static_cast<std::uint16_t>(bytes_[offset_] << 8 | bytes_[offset_ + 1]);
    offset_ += 2;
    return true;
  }
  bool read_u32(std::uint32_t& value) {
    if (remaining() < 4) return false;
    value = load_u32(bytes_.data() + offset_);
    offset_ += 4;
    return true;
  }
  bool read_bytes(std::size_t count, std::span<const std::uint8_t>& out) {
    if (remaining() < count) return false;
    out = bytes_.subspan(offset_, count);
    offset_ += count;
    return true;
  }
  std::span<const std::uint8_t> rest() const { return bytes_.subspan(offset_); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;
};

inline void append_u8(std::vector<std::uint8_t>& out, std::uint8_t value) {
  out.push_back(value);
}
inline void append_u16(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}
inline void append_u32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  append_u16(out, static_cast<std::uint16_t>(value >> 16));
  append_u16(out, static_cast<std::uint16_t>(value));
}
inline void append_bytes(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}
// Overwrites a 2-octet length written earlier as a placeholder.
inline void patch_u16(std::vector<std::uint8_t>& out, std::size_t offset, std::uint16_t value) {
  out[offset] = static_cast<std::uint8_t>(value >> 8);
  out[offset + 1] = static_cast<std::uint8_t>(value);
}

}  // namespace cfn::bgp::wire
