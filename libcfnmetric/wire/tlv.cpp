// TLV framing: strict reader, nesting writer.
#include "libcfnmetric/wire/tlv.hpp"

#include "libcfnmetric/wire/byte_order.hpp"

namespace cfn::metric::wire {

std::optional<TlvView> TlvReader::next(std::string& error) {
  if (rest_.size() < 4) {
    error = std::string("truncated ") + what_ + " header (" + std::to_string(rest_.size()) +
            " octets left)";
    return std::nullopt;
  }
  const std::uint16_t type = get_u16(rest_.data());
  const std::uint16_t length = get_u16(rest_.data() + 2);
  if (4 + padded4(length) > rest_.size()) {
    error = std::string(what_) + " " + std::to_string(type) + ": length " + std::to_string(length) +
            " (padded " + std::to_string(padded4(length)) + ") overruns the " +
            std::to_string(rest_.size() - 4) + " octets left";
    return std::nullopt;
  }
  TlvView tlv{type, rest_.subspan(4, length)};
  rest_ = rest_.subspan(4 + padded4(length));
  return tlv;
}

std::size_t TlvWriter::begin(std::uint16_t type) {
  const std::size_t start = out_.size();
  put_u16(grow(4), type);
  return start;
}

void TlvWriter::end(std::size_t start) {
  const std::size_t length = out_.size() - start - 4;
  put_u16(out_.data() + start + 2, static_cast<std::uint16_t>(length));
  grow(padded4(length) - length);
}

void TlvWriter::add(std::uint16_t type, std::span<const std::uint8_t> value) {
  const std::size_t start = begin(type);
  append(value);
  end(start);
}

std::uint8_t* TlvWriter::grow(std::size_t n) {
  out_.resize(out_.size() + n, 0);
  return out_.data() + out_.size() - n;
}

void TlvWriter::append(std::span<const std::uint8_t> bytes) {
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

}  // namespace cfn::metric::wire
