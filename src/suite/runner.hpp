// RunTestFiles (clearance/testing.hpp): finds the test files, reads them,
// loads each policy once, resolves every case (all errors collected), then
// runs the cases and gathers rule coverage.
#pragma once

#include <string>
#include <vector>

#include "base/source.hpp"
#include "clearance/testing.hpp"

namespace clearance::analysis {

// The test files the arguments stand for, in order: a file as given, a
// directory as every `*.test.yaml` file beneath it (recursively, sorted by
// path). A directory with none is an error naming it; paths that do not
// exist are passed through (reading them reports the error).
std::vector<std::string> ExpandTestPaths(const std::vector<std::string>& paths, Diagnostics& diagnostics);

}  // namespace clearance::analysis
