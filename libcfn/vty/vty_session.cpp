// One vty client on the server side: one read, then every complete line executed in order,
// then one write of all their replies, then the next read (so a slow reader slows its sender).
#include "libcfn/vty/vty_session.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/write.hpp>

namespace cfn::vty {

VtySession::VtySession(Socket socket, std::unique_ptr<VtyConnection> connection, Protocol protocol)
    : socket_(std::move(socket)),
      connection_(std::move(connection)),
      protocol_(protocol),
      splitter_(protocol == Protocol::kFrr ? '\0' : '\n') {}

void VtySession::start() {
  if (protocol_ == Protocol::kTelnet) write_buffer_ = connection_->prompt();
  write();
}

void VtySession::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void VtySession::read() {
  socket_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [self = shared_from_this()](boost::system::error_code ec, std::size_t size) {
        // EOF drops an unterminated last line, as FRR does.
        if (ec) return self->close();
        self->on_read(size);
      });
}

void VtySession::on_read(std::size_t size) {
  std::string_view bytes(read_buffer_.data(), size);
  std::string filtered;
  if (protocol_ == Protocol::kTelnet) {
    filtered = telnet_.feed(bytes);
    bytes = filtered;
  }
  for (const std::string& line : splitter_.feed(bytes)) {
    const VtyReply reply = connection_->execute(line);
    write_buffer_ += protocol_ == Protocol::kFrr
                         ? encode_reply(reply)
                         : encode_telnet_reply(reply, connection_->prompt());
  }
  if (splitter_.overflowed()) {
    spdlog::warn("vty: dropping a client that sent a line over {} bytes", kMaxLineLength);
    return close();
  }
  write();
}

void VtySession::write() {
  if (write_buffer_.empty()) return read();
  boost::asio::async_write(
      socket_, boost::asio::buffer(write_buffer_),
      [self = shared_from_this()](boost::system::error_code ec, std::size_t /*size*/) {
        if (ec) return self->close();
        self->write_buffer_.clear();
        self->read();
      });
}

}  // namespace cfn::vty
