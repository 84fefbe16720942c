// FRR's vty wire format, without sockets: request splitting, reply encoding and decoding,
// and the telnet input filter.
#include "libcfn/vty/vty_framing.hpp"

#include <algorithm>

namespace cfn::vty {
namespace {

constexpr std::string_view kReplyTerminator{"\0\0\0", 3};

// RFC 854 command bytes.
constexpr unsigned char kIac = 255;
constexpr unsigned char kSb = 250;
constexpr unsigned char kSe = 240;
constexpr unsigned char kWill = 251;
constexpr unsigned char kDont = 254;

}  // namespace

std::string encode_request(std::string_view line) {
  std::string out(line);
  out.push_back('\0');
  return out;
}

std::string encode_reply(const VtyReply& reply) {
  std::string out;
  out.reserve(reply.output.size() + kReplyTerminator.size() + 1);
  out.append(reply.output);
  out.append(kReplyTerminator);
  out.push_back(static_cast<char>(reply.status));
  return out;
}

std::string encode_telnet_reply(const VtyReply& reply, std::string_view prompt) {
  std::string out;
  out.reserve(reply.output.size() + prompt.size());
  for (const char c : reply.output) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  out.append(prompt);
  return out;
}

std::vector<std::string> RequestSplitter::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  while (!overflowed_ && !bytes.empty()) {
    const std::size_t end = bytes.find(delimiter_);
    const std::string_view piece = bytes.substr(0, end);
    if (pending_.size() + piece.size() > max_line_) {
      overflowed_ = true;
      pending_.clear();
      break;
    }
    pending_.append(piece);
    if (end == std::string_view::npos) break;
    lines.push_back(std::move(pending_));
    pending_.clear();
    bytes.remove_prefix(end + 1);
  }
  return lines;
}

std::vector<VtyReply> ReplyDecoder::feed(std::string_view bytes) {
  buffer_.append(bytes);
  std::vector<VtyReply> replies;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = buffer_.find(kReplyTerminator, scan_from_);
    if (end == std::string::npos) {
      // The last two bytes may begin a terminator that the next feed completes.
      scan_from_ = std::max(scan_from_, buffer_.size() >= 2 ? buffer_.size() - 2 : 0);
      break;
    }
    if (end + kReplyTerminator.size() >= buffer_.size()) {
      scan_from_ = end;  // terminator seen, status byte still to come
      break;
    }
    replies.push_back(VtyReply{
        static_cast<VtyStatus>(buffer_[end + kReplyTerminator.size()]),
        buffer_.substr(start, end - start),
    });
    start = end + kReplyTerminator.size() + 1;
    scan_from_ = start;
  }
  buffer_.erase(0, start);
  scan_from_ -= start;
  return replies;
}

std::string TelnetFilter::feed(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    switch (state_) {
      case State::kData:
        if (byte == kIac) {
          state_ = State::kCommand;
        } else if (c != '\r' && c != '\0') {
          out.push_back(c);
        }
        break;
      case State::kCommand:
        if (byte == kIac) {
          out.push_back(c);
          state_ = State::kData;
        } else if (byte == kSb) {
          state_ = State::kSubnegotiation;
        } else if (byte >= kWill && byte <= kDont) {
          state_ = State::kOption;
        } else {
          state_ = State::kData;
        }
        break;
      case State::kOption:
        state_ = State::kData;
        break;
      case State::kSubnegotiation:
        if (byte == kIac) state_ = State::kSubnegotiationIac;
        break;
      case State::kSubnegotiationIac:
        state_ = byte == kSe ? State::kData : State::kSubnegotiation;
        break;
    }
  }
  return out;
}

}  // namespace cfn::vty
