// A snapshot's header around a payload, with a correct checksum: how
// SaveCompiled finishes a snapshot, and how the fuzzer hands the reader
// payloads that get past the checksum (as an attacker who rewrites it could).
#pragma once

#include <string>
#include <string_view>

#include "clearance/snapshot.hpp"

namespace clearance::internal {

std::string SealSnapshot(std::string_view payload, const SnapshotOptions& options = {});

}  // namespace clearance::internal
