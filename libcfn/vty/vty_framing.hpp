// FRR's vty wire format, without sockets: request lines end in one NUL, replies are the output
// text then three NULs and the CMD_* status byte. Also the telnet-vty input filter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/vty/vty_connection.hpp"

namespace cfn::vty {

// Longest command line a server accepts before it drops the client.
inline constexpr std::size_t kMaxLineLength = 64 * 1024;

// "enable" -> "enable\0".
std::string encode_request(std::string_view line);

// {kSuccess, "x\n"} -> "x\n\0\0\0\x00".
std::string encode_reply(const VtyReply& reply);

// Telnet-vty reply: the output with "\r\n" line ends (RFC 854 NVT), then the next prompt.
std::string encode_telnet_reply(const VtyReply& reply, std::string_view prompt);

// Cuts a byte stream into lines ended by `delimiter` (the delimiter is not part of the line).
// A line longer than `max_line` sets overflowed(); after that feed() returns nothing.
class RequestSplitter {
 public:
  explicit RequestSplitter(char delimiter = '\0', std::size_t max_line = kMaxLineLength)
      : delimiter_(delimiter), max_line_(max_line) {}

  std::vector<std::string> feed(std::string_view bytes);
  bool overflowed() const { return overflowed_; }

 private:
  char delimiter_;
  std::size_t max_line_;
  std::string pending_;
  bool overflowed_ = false;
};

// Reassembles replies from a byte stream fed in arbitrary pieces.
class ReplyDecoder {
 public:
  std::vector<VtyReply> feed(std::string_view bytes);

 private:
  std::string buffer_;
  std::size_t scan_from_ = 0;  // no terminator starts before this offset of buffer_
};

// Telnet input to plain text: drops IAC commands and negotiations (RFC 854: IAC cmd,
// IAC WILL|WONT|DO|DONT opt, IAC SB ... IAC SE), keeps an escaped IAC IAC as one 0xFF, and
// drops '\r' and NUL so "cmd\r\n" and "cmd\r\0" both read as "cmd\n" once split on '\n'.
class TelnetFilter {
 public:
  std::string feed(std::string_view bytes);

 private:
  enum class State { kData, kCommand, kOption, kSubnegotiation, kSubnegotiationIac };
  State state_ = State::kData;
};

}  // namespace cfn::vty
