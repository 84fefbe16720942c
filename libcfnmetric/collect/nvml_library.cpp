// NVML through dlopen: the few types and entry points we use are declared here, with the
// signatures of nvml.h (NVML API reference, "Device Queries").
#include "libcfnmetric/collect/nvml_library.hpp"

#include <dlfcn.h>

namespace cfn::metric {

namespace {

using NvmlReturn = int;  // nvmlReturn_t; 0 = NVML_SUCCESS
constexpr NvmlReturn kNvmlSuccess = 0;
struct NvmlDevice;  // nvmlDevice_t is an opaque pointer
struct NvmlUtilization {
  unsigned int gpu;     // percent of time a kernel ran, over the last sample period
  unsigned int memory;  // percent of time device memory was read or written
};
struct NvmlMemory {
  unsigned long long total;  // bytes
  unsigned long long free;
  unsigned long long used;
};

}  // namespace

struct NvmlLibrary::Api {
  NvmlReturn (*init)();
  NvmlReturn (*shutdown)();
  NvmlReturn (*count)(unsigned int*);
  NvmlReturn (*handle_by_index)(unsigned int, NvmlDevice**);
  NvmlReturn (*utilization)(NvmlDevice*, NvmlUtilization*);
  NvmlReturn (*memory)(NvmlDevice*, NvmlMemory*);
  NvmlReturn (*power)(NvmlDevice*, unsigned int*);  // milliwatts

  // Fills one GPU's fields; each stays absent when its call fails.
  void read(NvmlDevice* device, GpuSample& gpu) const;
};

namespace {

template <typename Function>
bool resolve(void* handle, const char* name, Function& function, std::string& error) {
  function = reinterpret_cast<Function>(::dlsym(handle, name));
  if (function == nullptr) error = std::string("no symbol ") + name;
  return function != nullptr;
}

std::string call_error(const char* call, NvmlReturn result) {
  return std::string(call) + " returned " + std::to_string(result);
}

}  // namespace

NvmlLibrary::NvmlLibrary(const std::string& library) {
  handle_ = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = ::dlerror();
    error_ = std::string("dlopen: ") + (why != nullptr ? why : library);
    return;
  }
  auto api = std::make_unique<Api>();
  bool resolved = resolve(handle_, "nvmlInit_v2", api->init, error_) &&
                  resolve(handle_, "nvmlShutdown", api->shutdown, error_) &&
                  resolve(handle_, "nvmlDeviceGetCount_v2", api->count, error_) &&
                  resolve(handle_, "nvmlDeviceGetHandleByIndex_v2", api->handle_by_index, error_) &&
                  resolve(handle_, "nvmlDeviceGetUtilizationRates", api->utilization, error_) &&
                  resolve(handle_, "nvmlDeviceGetMemoryInfo", api->memory, error_) &&
                  resolve(handle_, "nvmlDeviceGetPowerUsage", api->power, error_);
  if (!resolved) return;
  if (NvmlReturn result = api->init(); result != kNvmlSuccess) {
    error_ = call_error("nvmlInit_v2", result);
    return;
  }
  api_ = std::move(api);
}

NvmlLibrary::~NvmlLibrary() {
  if (api_) api_->shutdown();
  if (handle_ != nullptr) ::dlclose(handle_);
}

Parsed<std::vector<GpuSample>> NvmlLibrary::sample() const {
  if (!api_) return absent<std::vector<GpuSample>>(error_);
  unsigned int count = 0;
  if (NvmlReturn result = api_->count(&count); result != kNvmlSuccess) {
    return absent<std::vector<GpuSample>>(call_error("nvmlDeviceGetCount_v2", result));
  }
  if (count == 0) return absent<std::vector<GpuSample>>("no GPU");
  std::vector<GpuSample> gpus;
  for (unsigned int index = 0; index < count; ++index) {
    GpuSample& gpu = gpus.emplace_back();
    gpu.index = index;
    NvmlDevice* device = nullptr;
    if (api_->handle_by_index(index, &device) == kNvmlSuccess) api_->read(device, gpu);
  }
  return present(std::move(gpus));
}

void NvmlLibrary::Api::read(NvmlDevice* device, GpuSample& gpu) const {
  NvmlUtilization rates{};
  if (utilization(device, &rates) == kNvmlSuccess) {
    gpu.utilization = rates.gpu / 100.0;
    gpu.memory_utilization = rates.memory / 100.0;
  }
  NvmlMemory info{};
  if (memory(device, &info) == kNvmlSuccess) {
    gpu.memory_total_bytes = info.total;
    gpu.memory_free_bytes = info.free;
    gpu.memory_used_bytes = info.used;
  }
  unsigned int milliwatts = 0;
  if (power(device, &milliwatts) == kNvmlSuccess) gpu.power_watts = milliwatts / 1000.0;
}

}  // namespace cfn::metric
