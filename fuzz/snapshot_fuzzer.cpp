// libFuzzer target: see harness.hpp, SnapshotInput.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  clearance::fuzz::SnapshotInput(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
