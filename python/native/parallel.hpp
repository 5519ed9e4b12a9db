// Splitting work over threads with the GIL released.
#pragma once

#include <pybind11/pybind11.h>

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace clearance::python {

// `requested` threads (at most one per item), or for 0 one per 64 k items up
// to one per core.
inline unsigned Threads(unsigned requested, std::size_t n) {
  if (requested > 0)
    return static_cast<unsigned>(std::min<std::size_t>(requested, std::max<std::size_t>(n, 1)));
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<std::size_t>(n / 65536, 1, cores));
}

// Runs work(begin, end) over [0, n) in `threads` contiguous slices, the GIL
// released. `work` must not touch Python objects.
template <class Work>
void Split(std::size_t n, unsigned threads, const Work& work) {
  pybind11::gil_scoped_release unlocked;
  if (threads <= 1) {
    work(std::size_t{0}, n);
    return;
  }
  std::vector<std::jthread> workers;
  const std::size_t step = (n + threads - 1) / threads;
  for (std::size_t begin = 0; begin < n; begin += step) {
    workers.emplace_back([&work, begin, end = std::min(n, begin + step)] { work(begin, end); });
  }
}

}  // namespace clearance::python
