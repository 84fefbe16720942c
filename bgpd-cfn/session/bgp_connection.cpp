// BgpConnection: asynchronous reads cut into messages, one asynchronous write at a time.
#include "bgpd-cfn/session/bgp_connection.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace cfn::bgp {
namespace {

constexpr std::size_t kReadBytes = 64 * 1024;

}  // namespace

std::shared_ptr<BgpConnection> BgpConnection::create(boost::asio::ip::tcp::socket socket,
                                                     Handlers handlers) {
  return std::shared_ptr<BgpConnection>(new BgpConnection(std::move(socket), std::move(handlers)));
}

BgpConnection::BgpConnection(boost::asio::ip::tcp::socket socket, Handlers handlers)
    : socket_(std::move(socket)), handlers_(std::move(handlers)), read_buffer_(kReadBytes) {
  boost::system::error_code ignored;
  socket_.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
}

void BgpConnection::start() {
  read_some();
}

void BgpConnection::read_some() {
  socket_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        if (!self->reading_) return;
        if (error) return self->fail(error);
        self->received(bytes);
      });
}

// RFC 4271 4.1: every message starts with its own length; hand out each whole one.
void BgpConnection::received(std::size_t bytes) {
  inbox_.insert(inbox_.end(), read_buffer_.begin(),
                read_buffer_.begin() + static_cast<std::ptrdiff_t>(bytes));
  while (reading_) {
    const auto stream = std::span<const std::uint8_t>(inbox_).subspan(inbox_start_);
    const wire::Frame frame = wire::frame_message(stream, context_);
    if (frame.error) {
      reading_ = false;  // nothing more is read from a stream out of step
      if (handlers_.on_framing_error) handlers_.on_framing_error(*frame.error);
      return;
    }
    if (frame.length == 0 || frame.length > stream.size()) break;
    inbox_start_ += frame.length;
    if (handlers_.on_message) handlers_.on_message(stream.first(frame.length));
  }
  if (!reading_) return;
  // Keep only the unfinished message.
  inbox_.erase(inbox_.begin(), inbox_.begin() + static_cast<std::ptrdiff_t>(inbox_start_));
  inbox_start_ = 0;
  read_some();
}

void BgpConnection::send(std::vector<std::uint8_t> bytes) {
  if (!open_ || closing_) return;
  queued_bytes_ += bytes.size();
  outbox_.push_back(std::move(bytes));
  if (!writing_) write_next();
}

void BgpConnection::write_next() {
  if (outbox_.empty() || !open_) {
    writing_ = false;
    if (closing_) close();
    return;
  }
  writing_ = true;
  boost::asio::async_write(
      socket_, boost::asio::buffer(outbox_.front()),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        self->queued_bytes_ -= self->outbox_.front().size();
        self->outbox_.pop_front();
        if (error) {
          self->writing_ = false;
          if (self->open_) self->fail(error);
          return;
        }
        self->write_next();
      });
}

void BgpConnection::close_after_sending() {
  closing_ = true;
  if (!writing_) close();
}

void BgpConnection::close() {
  open_ = false;
  reading_ = false;
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void BgpConnection::fail(const boost::system::error_code& error) {
  close();
  if (handlers_.on_closed) handlers_.on_closed(error);
}

boost::asio::ip::tcp::endpoint BgpConnection::local_endpoint() const {
  boost::system::error_code ignored;
  return socket_.local_endpoint(ignored);
}

boost::asio::ip::tcp::endpoint BgpConnection::remote_endpoint() const {
  boost::system::error_code ignored;
  return socket_.remote_endpoint(ignored);
}

}  // namespace cfn::bgp
