// Golden-byte tests for the vty framing: request splitting, reply encoding/decoding, telnet.
#include <catch2/catch.hpp>

#include "libcfn/vty/vty_framing.hpp"

using namespace std::string_literals;
using cfn::vty::ReplyDecoder;
using cfn::vty::RequestSplitter;
using cfn::vty::TelnetFilter;
using cfn::vty::VtyReply;
using cfn::vty::VtyStatus;

TEST_CASE("encode_request appends one NUL", "[vty]") {
  CHECK(cfn::vty::encode_request("enable") == "enable\0"s);
  CHECK(cfn::vty::encode_request("") == "\0"s);
}

TEST_CASE("encode_reply appends three NULs and the status byte", "[vty]") {
  CHECK(cfn::vty::encode_reply({VtyStatus::kSuccess, "ok\n"}) == "ok\n\0\0\0\x00"s);
  CHECK(cfn::vty::encode_reply({VtyStatus::kErrNoMatch, ""}) == "\0\0\0\x02"s);
  CHECK(cfn::vty::encode_reply({VtyStatus::kWarningConfigFailed, "w"}) == "w\0\0\0\x0d"s);
}

TEST_CASE("encode_telnet_reply turns LF into CRLF and appends the prompt", "[vty]") {
  CHECK(cfn::vty::encode_telnet_reply({VtyStatus::kSuccess, "a\nb\n"}, "r1# ") == "a\r\nb\r\nr1# ");
  CHECK(cfn::vty::encode_telnet_reply({}, "r1> ") == "r1> ");
}

TEST_CASE("RequestSplitter splits on NUL, whole or byte by byte", "[vty]") {
  const std::string stream = "enable\0show run\0\0conf"s;
  const std::vector<std::string> expected{"enable", "show run", ""};

  SECTION("one feed") {
    RequestSplitter splitter;
    CHECK(splitter.feed(stream) == expected);
    CHECK(splitter.feed("ig t\0"s) == std::vector<std::string>{"config t"});
  }
  SECTION("byte by byte") {
    RequestSplitter splitter;
    std::vector<std::string> lines;
    for (const char c : stream) {
      for (auto& line : splitter.feed(std::string_view(&c, 1))) lines.push_back(line);
    }
    CHECK(lines == expected);
    CHECK_FALSE(splitter.overflowed());
  }
}

TEST_CASE("RequestSplitter caps the line length", "[vty]") {
  RequestSplitter splitter('\0', 8);
  CHECK(splitter.feed("12345678\0"s) == std::vector<std::string>{"12345678"});
  CHECK(splitter.feed("1234").empty());
  CHECK_FALSE(splitter.overflowed());
  CHECK(splitter.feed("56789\0ok\0"s).empty());
  CHECK(splitter.overflowed());
  CHECK(splitter.feed("ok\0"s).empty());
}

TEST_CASE("RequestSplitter with a newline delimiter", "[vty]") {
  RequestSplitter splitter('\n');
  CHECK(splitter.feed("a\nb\n\nc") == std::vector<std::string>{"a", "b", ""});
}

TEST_CASE("ReplyDecoder decodes golden bytes, whole or byte by byte", "[vty]") {
  const std::string stream = "hello\n\0\0\0\x00\0\0\0\x02x\0\0\0\x01"s;
  const auto check = [](const std::vector<VtyReply>& replies) {
    REQUIRE(replies.size() == 3);
    CHECK(replies[0].output == "hello\n");
    CHECK(replies[0].status == VtyStatus::kSuccess);
    CHECK(replies[1].output.empty());
    CHECK(replies[1].status == VtyStatus::kErrNoMatch);
    CHECK(replies[2].output == "x");
    CHECK(replies[2].status == VtyStatus::kWarning);
  };

  SECTION("one feed") {
    ReplyDecoder decoder;
    check(decoder.feed(stream));
  }
  SECTION("byte by byte") {
    ReplyDecoder decoder;
    std::vector<VtyReply> replies;
    for (const char c : stream) {
      for (auto& reply : decoder.feed(std::string_view(&c, 1))) replies.push_back(reply);
    }
    check(replies);
  }
  SECTION("every split point") {
    for (std::size_t split = 0; split <= stream.size(); ++split) {
      ReplyDecoder decoder;
      auto replies = decoder.feed(std::string_view(stream).substr(0, split));
      for (auto& reply : decoder.feed(std::string_view(stream).substr(split))) {
        replies.push_back(reply);
      }
      check(replies);
    }
  }
}

TEST_CASE("ReplyDecoder round-trips encode_reply", "[vty]") {
  ReplyDecoder decoder;
  const VtyReply big{VtyStatus::kWarning, std::string(1 << 20, 'y')};
  const std::string bytes = cfn::vty::encode_reply(big);
  CHECK(decoder.feed(std::string_view(bytes).substr(0, 1000)).empty());
  const auto replies = decoder.feed(std::string_view(bytes).substr(1000));
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].output == big.output);
  CHECK(replies[0].status == VtyStatus::kWarning);
}

TEST_CASE("TelnetFilter drops IAC sequences, CR and NUL", "[vty]") {
  // IAC DO SGA, IAC WILL ECHO, IAC SB NAWS 0 80 0 24 IAC SE, IAC NOP, IAC IAC (a data 0xFF).
  const std::string stream =
      "\xff\xfd\x03\xff\xfb\x01sh\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0ow\r\n\xff\xf1x\xff\xff\r\0"s;
  const std::string expected = "show\nx\xff"s;

  SECTION("one feed") {
    TelnetFilter filter;
    CHECK(filter.feed(stream) == expected);
  }
  SECTION("byte by byte") {
    TelnetFilter filter;
    std::string out;
    for (const char c : stream) out += filter.feed(std::string_view(&c, 1));
    CHECK(out == expected);
  }
}
