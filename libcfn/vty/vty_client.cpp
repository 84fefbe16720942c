// Blocking client for FRR's vty Unix socket protocol over plain POSIX sockets.
#include "libcfn/vty/vty_client.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace cfn::vty {

VtyClient::~VtyClient() {
  close();
}

bool VtyClient::connect(const std::string& path, std::string& error) {
  close();
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(address.sun_path)) {
    error = fmt::format("vty socket path '{}' is empty or too long", path);
    return false;
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 ||
      ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    error = fmt::format("{}: {}", path, std::generic_category().message(errno));
    close();
    return false;
  }
  return true;
}

std::optional<VtyReply> VtyClient::execute(std::string_view line) {
  auto replies = execute_all({std::string(line)});
  if (!replies) return std::nullopt;
  return std::move(replies->front());
}

std::optional<std::vector<VtyReply>> VtyClient::execute_all(const std::vector<std::string>& lines) {
  std::string request;
  for (const std::string& line : lines) request += encode_request(line);
  if (!connected() || !send_all(request)) return std::nullopt;
  std::vector<VtyReply> replies;
  std::array<char, 64 * 1024> buffer;
  while (replies.size() < lines.size()) {
    const ssize_t size = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (size < 0 && errno == EINTR) continue;
    if (size <= 0) {
      close();
      return std::nullopt;
    }
    for (VtyReply& reply : decoder_.feed(std::string_view(buffer.data(), size))) {
      replies.push_back(std::move(reply));
    }
  }
  if (replies.size() != lines.size()) {  // the server answered more than it was asked
    close();
    return std::nullopt;
  }
  return replies;
}

void VtyClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  decoder_ = ReplyDecoder();
}

bool VtyClient::send_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) {
      close();
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

}  // namespace cfn::vty
