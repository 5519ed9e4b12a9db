// Golden files for what people read: tests/data/diff/NAME, through the
// shared golden check (CLEARANCE_UPDATE_GOLDEN=1 rewrites them; a reviewer
// reads the diff).
#pragma once

#include <filesystem>
#include <string>

#include "support/run_cli.hpp"

namespace clearance::diff_testing {

inline void CheckGolden(const std::string& name, const std::string& actual) {
  testing_support::CheckGolden("diff/" + name, actual);
}

// Rules load by paths relative to the repository root, so that the files
// named in outputs do not depend on where the tests run.
inline void AtRepositoryRoot() { std::filesystem::current_path(CLEARANCE_SOURCE_DIR); }

}  // namespace clearance::diff_testing
