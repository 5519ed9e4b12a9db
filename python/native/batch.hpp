// `clearance batch` output lines from Python, for clearance.distributed.
#pragma once

#include <pybind11/pybind11.h>

#include "handle.hpp"

namespace clearance::python {

void BindBatch(pybind11::module_& module);

}  // namespace clearance::python
