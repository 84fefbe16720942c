// A daemon's whole configuration (the shared part plus its protocol's part) and where
// command handlers write it: the running config, or a candidate while a file loads, so
// that loading is all or nothing.
#pragma once

#include <optional>
#include <string>

#include "libcfn/cli/config_text.hpp"
#include "libcfn/daemon/common_config.hpp"

namespace cfn::daemon {

class ConfigStore {
 public:
  virtual ~ConfigStore() = default;
  // Handlers write a fresh, empty candidate until end_candidate.
  virtual void begin_candidate() = 0;
  // keep: the candidate replaces the running config; otherwise it is dropped.
  virtual void end_candidate(bool keep) = 0;
  // Where handlers write now (running or candidate).
  virtual CommonConfig& common() = 0;
  virtual const CommonConfig& running_common() const = 0;
  // The running config in FRR layout, without banner.
  virtual std::string print() const = 0;
};

// Protocol: a copyable struct; print_protocol gives its FRR-layout text.
template <typename Protocol>
class ConfigStoreOf final : public ConfigStore {
 public:
  using Printer = std::string (*)(const Protocol&);
  explicit ConfigStoreOf(Printer print_protocol) : print_protocol_(print_protocol) {}

  Protocol& protocol() { return current().protocol; }
  const Protocol& running_protocol() const { return running_.protocol; }

  void begin_candidate() override { candidate_.emplace(); }
  void end_candidate(bool keep) override {
    if (keep && candidate_) running_ = std::move(*candidate_);
    candidate_.reset();
  }
  CommonConfig& common() override { return current().common; }
  const CommonConfig& running_common() const override { return running_.common; }
  std::string print() const override {
    const std::string parts[] = {print_common_head(running_.common),
                                 print_protocol_(running_.protocol),
                                 print_common_tail(running_.common)};
    return cli::format_config(cli::merge_config_blocks(parts));
  }

 private:
  struct Whole {
    CommonConfig common;
    Protocol protocol;
  };
  Whole& current() { return candidate_ ? *candidate_ : running_; }

  Printer print_protocol_;
  Whole running_;
  std::optional<Whole> candidate_;
};

}  // namespace cfn::daemon
