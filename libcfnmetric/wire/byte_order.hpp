// Big-endian (network order) reads and writes of fixed-width integers and IEEE floats, for the
// CFN wire codecs. Callers check lengths first.
#pragma once

#include <bit>
#include <cstdint>

namespace cfn::metric::wire {

inline std::uint16_t get_u16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}
inline std::uint32_t get_u32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
inline std::uint64_t get_u64(const std::uint8_t* p) {
  return std::uint64_t{get_u32(p)} << 32 | get_u32(p + 4);
}
inline float get_f32(const std::uint8_t* p) {
  return std::bit_cast<float>(get_u32(p));
}

inline void put_u16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}
inline void put_u32(std::uint8_t* p, std::uint32_t v) {
  put_u16(p, static_cast<std::uint16_t>(v >> 16));
  put_u16(p + 2, static_cast<std::uint16_t>(v));
}
inline void put_u64(std::uint8_t* p, std::uint64_t v) {
  put_u32(p, static_cast<std::uint32_t>(v >> 32));
  put_u32(p + 4, static_cast<std::uint32_t>(v));
}
inline void put_f32(std::uint8_t* p, float v) {
  put_u32(p, std::bit_cast<std::uint32_t>(v));
}

}  // namespace cfn::metric::wire
