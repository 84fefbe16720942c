// HMAC-SHA256 with OpenSSL's one-shot HMAC(); comparison with CRYPTO_memcmp.
#include "libcfnmetric/agent/hmac.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace cfn::metric {

Hmac hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  // OpenSSL wants non-null pointers even for empty input.
  static constexpr std::uint8_t kEmpty = 0;
  const auto bytes = [](std::span<const std::uint8_t> s) { return s.empty() ? &kEmpty : s.data(); };
  Hmac out{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), bytes(key), static_cast<int>(key.size()), bytes(data), data.size(),
           out.data(), &length) == nullptr ||
      length != kHmacSize) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return out;
}

bool equal_constant_time(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cfn::metric
