// NVIDIA GPU readings through NVML, loaded at run time with dlopen (no nvml.h, no build or
// link dependency beyond -ldl): per-GPU utilization, memory and power.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "libcfnmetric/collect/gpu_sample.hpp"
#include "libcfnmetric/collect/parsed.hpp"

namespace cfn::metric {

class NvmlLibrary {
 public:
  // dlopen(library) ("libnvidia-ml.so.1", or a path), resolves the entry points and calls
  // nvmlInit_v2. On failure error() says why and sample() reports it.
  explicit NvmlLibrary(const std::string& library);
  ~NvmlLibrary();  // nvmlShutdown and dlclose
  NvmlLibrary(const NvmlLibrary&) = delete;
  NvmlLibrary& operator=(const NvmlLibrary&) = delete;

  const std::string& error() const { return error_; }
  // One sample per GPU; absent when NVML is not loaded, the count fails or there is no GPU.
  Parsed<std::vector<GpuSample>> sample() const;

 private:
  struct Api;
  void* handle_ = nullptr;
  std::unique_ptr<Api> api_;  // set once every entry point resolved and nvmlInit_v2 succeeded
  std::string error_;
};

}  // namespace cfn::metric
