// OSPF CFN opaque LSA body: encoder and strict decoder of the Service Prefix TLV and its
// sub-TLVs.
#include "libcfnmetric/wire/ospf_cfn_lsa.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "libcfnmetric/wire/byte_order.hpp"
#include "libcfnmetric/wire/cost_octet.hpp"
#include "libcfnmetric/wire/tlv.hpp"

namespace cfn::metric::wire {
namespace {

constexpr std::uint8_t kFlagDraining = 0x1;
constexpr std::size_t kL0Length = 28;
constexpr double kUtilizationScale = 10000;  // 1/100 of a percent
constexpr double kCoreScale = 1000;          // milli-cores
constexpr std::uint16_t kMaxUtilization = 10000;

// L0 Metrics presence bits.
enum : std::uint16_t {
  kHasCpuUtilization = 1 << 0,
  kHasCpuCores = 1 << 1,
  kHasGpuUtilization = 1 << 2,
  kHasGpuMemoryFree = 1 << 3,
  kHasQueueDepth = 1 << 4,
  kHasProcessingDelay = 1 << 5,
};

bool known(const std::optional<double>& v) {
  return v && !std::isnan(*v);
}

// round(v * scale) within 0..max; negative gives 0.
std::uint32_t quantize(double v, double scale, double max) {
  return static_cast<std::uint32_t>(std::clamp(std::floor(v * scale + 0.5), 0.0, max));
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::span<const std::uint8_t> s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::uint8_t c = s[i];
    std::size_t n = 0;
    std::uint8_t lo = 0x80, hi = 0xbf;  // range of the first continuation octet
    if (c < 0x80)
      n = 0;
    else if (c >= 0xc2 && c <= 0xdf)
      n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      return false;
    }
    if (s.size() - i - 1 < n) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const std::uint8_t next = s[i + k];
      if (next < (k == 1 ? lo : 0x80) || next > (k == 1 ? hi : 0xbf)) return false;
    }
    i += n + 1;
  }
  return true;
}

// At most kMaxServiceName octets, cut at a character boundary.
std::string_view bounded_name(const std::string& name) {
  std::size_t n = std::min(name.size(), kMaxServiceName);
  if (n < name.size())
    while (n > 0 && (static_cast<std::uint8_t>(name[n]) & 0xc0) == 0x80) --n;
  return std::string_view(name).substr(0, n);
}

void encode_l0(TlvWriter& w, const L0Metrics& m) {
  std::uint16_t present = 0;
  if (known(m.cpu_utilization)) present |= kHasCpuUtilization;
  if (known(m.cpu_cores)) present |= kHasCpuCores;
  if (known(m.gpu_utilization)) present |= kHasGpuUtilization;
  if (m.gpu_memory_free) present |= kHasGpuMemoryFree;
  if (m.queue_depth) present |= kHasQueueDepth;
  if (known(m.processing_delay_us)) present |= kHasProcessingDelay;
  if (!present) return;
  constexpr double kU32 = std::numeric_limits<std::uint32_t>::max();
  const std::size_t start = w.begin(kL0MetricsSubTlv);
  std::uint8_t* p = w.grow(kL0Length);
  put_u16(p, present);
  if (present & kHasCpuUtilization)
    put_u16(p + 4, static_cast<std::uint16_t>(
                       quantize(*m.cpu_utilization, kUtilizationScale, kMaxUtilization)));
  if (present & kHasGpuUtilization)
    put_u16(p + 6, static_cast<std::uint16_t>(
                       quantize(*m.gpu_utilization, kUtilizationScale, kMaxUtilization)));
  if (present & kHasCpuCores) put_u32(p + 8, quantize(*m.cpu_cores, kCoreScale, kU32));
  if (present & kHasQueueDepth) put_u32(p + 12, *m.queue_depth);
  if (present & kHasProcessingDelay) put_u32(p + 16, quantize(*m.processing_delay_us, 1, kU32));
  if (present & kHasGpuMemoryFree) put_u64(p + 20, *m.gpu_memory_free);
  w.end(start);
}

// The L0 Metrics sub-TLV value into `m`; an error reason, or empty.
std::string decode_l0(std::span<const std::uint8_t> v, L0Metrics& m) {
  if (v.size() != kL0Length)
    return "L0 Metrics sub-TLV: length " + std::to_string(v.size()) + ", expected 28";
  const std::uint16_t present = get_u16(v.data());
  const std::uint16_t cpu = get_u16(v.data() + 4);
  const std::uint16_t gpu = get_u16(v.data() + 6);
  if (present & kHasCpuUtilization) {
    if (cpu > kMaxUtilization)
      return "L0 Metrics sub-TLV: CPU utilization " + std::to_string(cpu) + " above 10000";
    m.cpu_utilization = cpu / kUtilizationScale;
  }
  if (present & kHasGpuUtilization) {
    if (gpu > kMaxUtilization)
      return "L0 Metrics sub-TLV: GPU utilization " + std::to_string(gpu) + " above 10000";
    m.gpu_utilization = gpu / kUtilizationScale;
  }
  if (present & kHasCpuCores) m.cpu_cores = get_u32(v.data() + 8) / kCoreScale;
  if (present & kHasQueueDepth) m.queue_depth = get_u32(v.data() + 12);
  if (present & kHasProcessingDelay) m.processing_delay_us = get_u32(v.data() + 16);
  if (present & kHasGpuMemoryFree) m.gpu_memory_free = get_u64(v.data() + 20);
  return {};
}

std::string length_error(const char* name, std::size_t got, std::size_t want) {
  return std::string(name) + " sub-TLV: length " + std::to_string(got) + ", expected " +
         std::to_string(want);
}

// The sub-TLVs after the prefix; the L2 Cost sub-TLV is mandatory, each known one at most once.
std::string decode_sub_tlvs(std::span<const std::uint8_t> bytes, ServiceLsa& lsa) {
  TlvReader reader(bytes, "sub-TLV");
  bool seen[kServiceNameSubTlv + 1] = {};
  std::string error;
  while (!reader.done()) {
    const std::optional<TlvView> tlv = reader.next(error);
    if (!tlv) return error;
    const std::span<const std::uint8_t> v = tlv->value;
    if (tlv->type < kL2CostSubTlv || tlv->type > kServiceNameSubTlv) {
      lsa.unknown_sub_tlvs.push_back({tlv->type, {v.begin(), v.end()}});
      continue;
    }
    if (seen[tlv->type]) return "sub-TLV " + std::to_string(tlv->type) + " repeated";
    seen[tlv->type] = true;
    switch (tlv->type) {
      case kL2CostSubTlv:
        if (v.size() != 4) return length_error("L2 Cost", v.size(), 4);
        lsa.l2 = v[0];
        lsa.draining = (v[1] & kFlagDraining) != 0;
        break;
      case kL1CostsSubTlv:
        if (v.size() != 4) return length_error("L1 Costs", v.size(), 4);
        lsa.l1 = L1Costs{.compute = octet_to_cost(v[0]),
                         .gpu = octet_to_cost(v[1]),
                         .memory = octet_to_cost(v[2]),
                         .delay = octet_to_cost(v[3])};
        break;
      case kL0MetricsSubTlv:
        if (std::string e = decode_l0(v, lsa.l0); !e.empty()) return e;
        break;
      case kCapacitySubTlv:
        if (v.size() != 4) return length_error("Capacity", v.size(), 4);
        lsa.capacity = get_u32(v.data()) / kCoreScale;
        break;
      case kServiceNameSubTlv:
        if (v.empty()) return "Service Name sub-TLV: empty";
        if (v.size() > kMaxServiceName)
          return "Service Name sub-TLV: " + std::to_string(v.size()) + " octets, at most 255";
        if (!valid_utf8(v)) return "Service Name sub-TLV: not UTF-8";
        lsa.name = std::string(v.begin(), v.end());
        break;
    }
  }
  if (!seen[kL2CostSubTlv]) return "Service Prefix TLV without an L2 Cost sub-TLV";
  return {};
}

std::string decode_service_prefix(std::span<const std::uint8_t> v, ServiceLsa& lsa) {
  if (v.size() < 4)
    return "Service Prefix TLV: length " + std::to_string(v.size()) + ", shorter than 4";
  const unsigned length = v[0];
  const std::uint8_t family = v[1];
  if (family != kAfIpv4 && family != kAfIpv6)
    return "Service Prefix TLV: unknown address family " + std::to_string(family);
  const unsigned bits = family == kAfIpv4 ? 32 : 128;
  if (length > bits)
    return "Service Prefix TLV: prefix length " + std::to_string(length) + " longer than " +
           std::to_string(bits);
  const std::size_t octets = (length + 7) / 8;
  if (4 + padded4(octets) > v.size()) return "Service Prefix TLV: prefix truncated";
  net::IpAddress::Bytes address{};
  std::copy_n(v.begin() + 4, octets, address.begin());
  if (length % 8 != 0 && (address[octets - 1] & (0xff >> (length % 8))) != 0)
    return "Service Prefix TLV: prefix has bits set beyond its length";
  if (family == kAfIpv4)
    lsa.prefix = net::Prefix(net::IpAddress::from_v4(get_u32(address.data())), length);
  else
    lsa.prefix = net::Prefix(net::IpAddress::from_v6(address), length);
  return decode_sub_tlvs(v.subspan(4 + padded4(octets)), lsa);
}

}  // namespace

ServiceLsa service_lsa(const net::Prefix& prefix, const std::string& name, const L0Metrics& metrics,
                       const Evaluation& evaluation) {
  ServiceLsa lsa;
  lsa.prefix = prefix;
  lsa.l2 = evaluation.drain ? kDrainCost : evaluation.l2;
  lsa.draining = evaluation.drain;
  lsa.l1 = evaluation.l1;
  lsa.l0.cpu_utilization = metrics.cpu_utilization;
  lsa.l0.cpu_cores = metrics.cpu_cores;
  lsa.l0.gpu_utilization = metrics.gpu_utilization;
  lsa.l0.gpu_memory_free = metrics.gpu_memory_free;
  lsa.l0.queue_depth = metrics.queue_depth;
  lsa.l0.processing_delay_us = metrics.processing_delay_us;
  lsa.capacity = evaluation.capacity;
  if (!name.empty()) lsa.name = name;
  return lsa;
}

void encode_service_lsa(std::vector<std::uint8_t>& out, const ServiceLsa& lsa) {
  TlvWriter w(out);
  const std::size_t start = w.begin(kServicePrefixTlv);
  const unsigned length = lsa.prefix.length();
  std::uint8_t* head = w.grow(4);
  head[0] = static_cast<std::uint8_t>(length);
  head[1] = lsa.prefix.is_v4() ? kAfIpv4 : kAfIpv6;
  const std::size_t octets = (length + 7) / 8;
  std::copy_n(lsa.prefix.address().bytes().begin(), octets, w.grow(padded4(octets)));

  const std::uint8_t l2[4] = {lsa.l2, static_cast<std::uint8_t>(lsa.draining ? kFlagDraining : 0),
                              0, 0};
  w.add(kL2CostSubTlv, l2);
  if (lsa.l1) {
    const std::uint8_t l1[4] = {cost_to_octet(lsa.l1->compute), cost_to_octet(lsa.l1->gpu),
                                cost_to_octet(lsa.l1->memory), cost_to_octet(lsa.l1->delay)};
    w.add(kL1CostsSubTlv, l1);
  }
  encode_l0(w, lsa.l0);
  if (known(lsa.capacity)) {
    std::uint8_t capacity[4];
    put_u32(capacity,
            quantize(*lsa.capacity, kCoreScale, std::numeric_limits<std::uint32_t>::max()));
    w.add(kCapacitySubTlv, capacity);
  }
  if (lsa.name) {
    const std::string_view name = bounded_name(*lsa.name);
    if (!name.empty())
      w.add(kServiceNameSubTlv, {reinterpret_cast<const std::uint8_t*>(name.data()), name.size()});
  }
  for (const RawTlv& tlv : lsa.unknown_sub_tlvs) w.add(tlv.type, tlv.value);
  w.end(start);
  for (const RawTlv& tlv : lsa.unknown_tlvs) w.add(tlv.type, tlv.value);
}

Decoded<ServiceLsa> decode_service_lsa(std::span<const std::uint8_t> body) {
  TlvReader reader(body, "TLV");
  ServiceLsa lsa;
  bool have_prefix = false;
  std::string error;
  while (!reader.done()) {
    const std::optional<TlvView> tlv = reader.next(error);
    if (!tlv) return refuse<ServiceLsa>(error);
    if (tlv->type != kServicePrefixTlv) {
      lsa.unknown_tlvs.push_back({tlv->type, {tlv->value.begin(), tlv->value.end()}});
      continue;
    }
    if (have_prefix) return refuse<ServiceLsa>("more than one Service Prefix TLV");
    have_prefix = true;
    if (std::string e = decode_service_prefix(tlv->value, lsa); !e.empty())
      return refuse<ServiceLsa>(std::move(e));
  }
  if (!have_prefix) return refuse<ServiceLsa>("no Service Prefix TLV");
  return {std::move(lsa), {}};
}

}  // namespace cfn::metric::wire
