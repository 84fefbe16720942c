// A stand-in libnvidia-ml with two GPUs and fixed readings. FAKE_NVML_MODE: 0 all calls
// succeed, 1 nvmlInit_v2 fails, 2 GPU 1 has no power reading (NVML_ERROR_NOT_SUPPORTED).
#include <cstdint>

namespace {

constexpr int kSuccess = 0;
constexpr int kUninitialized = 1;
constexpr int kInvalidArgument = 2;
constexpr int kNotSupported = 3;
constexpr int kDriverNotLoaded = 9;

struct Gpu {
  unsigned utilization;         // percent
  unsigned memory_utilization;  // percent
  unsigned long long total, free, used;
  unsigned milliwatts;
};
Gpu gpus[2] = {
    {25, 10, 80ull << 30, 60ull << 30, 20ull << 30, 150000},
    {75, 50, 80ull << 30, 16ull << 30, 64ull << 30, 412500},
};
bool initialized = false;

Gpu* gpu(void* device) {
  for (Gpu& g : gpus) {
    if (device == &g) return &g;
  }
  return nullptr;
}

}  // namespace

extern "C" {

struct Utilization {
  unsigned gpu, memory;
};
struct Memory {
  unsigned long long total, free, used;
};

int nvmlInit_v2() {
  if (FAKE_NVML_MODE == 1) return kDriverNotLoaded;
  initialized = true;
  return kSuccess;
}

int nvmlShutdown() {
  initialized = false;
  return kSuccess;
}

int nvmlDeviceGetCount_v2(unsigned* count) {
  if (!initialized) return kUninitialized;
  *count = 2;
  return kSuccess;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned index, void** device) {
  if (!initialized) return kUninitialized;
  if (index >= 2) return kInvalidArgument;
  *device = &gpus[index];
  return kSuccess;
}

int nvmlDeviceGetUtilizationRates(void* device, Utilization* utilization) {
  Gpu* g = gpu(device);
  if (g == nullptr) return kInvalidArgument;
  *utilization = {g->utilization, g->memory_utilization};
  return kSuccess;
}

int nvmlDeviceGetMemoryInfo(void* device, Memory* memory) {
  Gpu* g = gpu(device);
  if (g == nullptr) return kInvalidArgument;
  *memory = {g->total, g->free, g->used};
  return kSuccess;
}

int nvmlDeviceGetPowerUsage(void* device, unsigned* milliwatts) {
  Gpu* g = gpu(device);
  if (g == nullptr) return kInvalidArgument;
  if (FAKE_NVML_MODE == 2 && g == &gpus[1]) return kNotSupported;
  *milliwatts = g->milliwatts;
  return kSuccess;
}

}  // extern "C"
