// Pidfile: RAII ownership of a daemon's pid file; refuses to start over a live instance.
#pragma once

#include <optional>
#include <string>

namespace cfn::core {

class Pidfile {
 public:
  // Fails (setting error) when the file names another live process or cannot be written.
  // A file naming a dead process or holding garbage is stale and replaced.
  static std::optional<Pidfile> create(const std::string& path, std::string& error);

  Pidfile(Pidfile&& other) noexcept;
  Pidfile& operator=(Pidfile&& other) noexcept;
  Pidfile(const Pidfile&) = delete;
  Pidfile& operator=(const Pidfile&) = delete;
  // Removes the file if it still names this process.
  ~Pidfile();

  const std::string& path() const { return path_; }

 private:
  explicit Pidfile(std::string path) : path_(std::move(path)) {}
  void release();

  std::string path_;  // empty once moved from
};

}  // namespace cfn::core
