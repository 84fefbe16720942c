// PushListener: socket file handling, the receive loop, parsing and counting.
#include "libcfnmetric/agent/push_listener.hpp"

#include <sys/stat.h>
#include <sys/un.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace cfn::metric {

PushListener::PushListener(boost::asio::io_context& io, Handler on_push)
    : socket_(io),
      on_push_(std::move(on_push)),
      buffer_(kMaxPushDatagram + 1),  // one more, so an over-long datagram shows as such
      self_(std::make_shared<PushListener*>(this)) {}

PushListener::~PushListener() {
  close();
}

bool PushListener::open(const std::string& path, std::string& error) {
  namespace fs = std::filesystem;
  if (path.empty() || path.size() >= sizeof(sockaddr_un::sun_path)) {
    error = fmt::format("push-socket '{}' is empty or too long", path);
    return false;
  }
  std::error_code fs_ec;
  const fs::file_status status = fs::symlink_status(path, fs_ec);
  if (fs::exists(status)) {
    if (!fs::is_socket(status)) {
      error = fmt::format("{}: exists and is not a socket", path);
      return false;
    }
    fs::remove(path, fs_ec);  // a datagram socket file left by an earlier agent
  }
  boost::system::error_code ec;
  socket_.open(boost::asio::local::datagram_protocol(), ec);
  if (!ec) socket_.bind(boost::asio::local::datagram_protocol::endpoint(path), ec);
  if (ec) {
    error = fmt::format("{}: {}", path, ec.message());
    socket_.close(ec);
    return false;
  }
  path_ = path;
  if (::chmod(path.c_str(), 0660) != 0) {
    error = fmt::format("{}: chmod: {}", path, std::generic_category().message(errno));
    close();
    return false;
  }
  receive();
  return true;
}

void PushListener::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
  if (!path_.empty()) {
    std::error_code fs_ignored;
    std::filesystem::remove(path_, fs_ignored);
    path_.clear();
  }
}

void PushListener::receive() {
  socket_.async_receive(
      boost::asio::buffer(buffer_),
      [weak = std::weak_ptr(self_)](boost::system::error_code ec, std::size_t size) {
        const auto self = weak.lock();
        if (!self || ec == boost::asio::error::operation_aborted) return;
        PushListener& listener = **self;
        if (ec)
          spdlog::warn("cfn-agent: push socket: {}", ec.message());
        else
          listener.handle(std::string_view(listener.buffer_.data(), size));
        listener.receive();
      });
}

void PushListener::handle(std::string_view datagram) {
  auto parsed = parse_service_push(datagram);
  std::string error = parsed ? on_push_(std::move(*parsed.value)) : std::move(parsed.error);
  if (error.empty()) {
    ++counters_.accepted;
    return;
  }
  spdlog::debug("cfn-agent: refused push: {}", error);
  ++counters_.refused;
  counters_.last_error = std::move(error);
}

}  // namespace cfn::metric
