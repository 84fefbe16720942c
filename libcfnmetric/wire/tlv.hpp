// RFC 3630 section 2.3.2 TLV framing for the OSPF CFN opaque LSA: 2-octet type, 2-octet length
// (of the value, without padding), value padded with zeros to a 4-octet boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cfn::metric::wire {

constexpr std::size_t padded4(std::size_t n) {
  return (n + 3) & ~std::size_t{3};
}

struct TlvView {
  std::uint16_t type = 0;
  std::span<const std::uint8_t> value;  // `length` octets, padding excluded
};

// Walks TLVs that must exactly fill `bytes`, padding included.
class TlvReader {
 public:
  // `what` names the TLVs in errors ("TLV", "sub-TLV").
  TlvReader(std::span<const std::uint8_t> bytes, const char* what) : rest_(bytes), what_(what) {}
  bool done() const { return rest_.empty(); }
  // The next TLV, or empty with `error` set when its header, value or padding overruns.
  std::optional<TlvView> next(std::string& error);

 private:
  std::span<const std::uint8_t> rest_;
  const char* what_;
};

// Appends TLVs to a buffer; nests by begin()/end().
class TlvWriter {
 public:
  explicit TlvWriter(std::vector<std::uint8_t>& out) : out_(out) {}
  // Opens a TLV; returns its offset for end().
  std::size_t begin(std::uint16_t type);
  // Sets the length of the TLV opened at `start` to everything written since, then pads.
  void end(std::size_t start);
  void add(std::uint16_t type, std::span<const std::uint8_t> value);
  std::uint8_t* grow(std::size_t n);  // n more octets, zeroed; valid until the next write
  void append(std::span<const std::uint8_t> bytes);

 private:
  std::vector<std::uint8_t>& out_;
};

}  // namespace cfn::metric::wire
