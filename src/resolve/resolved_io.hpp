// The resolved policy in a compiled snapshot. Reading checks every index
// against what it indexes (values, groups, dimensions, rules), every list
// that runs parallel to another for its length, and every value set for its
// dimension's size, so that no stage after this one can be led out of
// bounds by a snapshot that was tampered with and re-checksummed. The name
// indexes are rebuilt, never read.
#pragma once

#include <optional>

#include "base/byte_io.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::resolve {

void WriteResolved(const ResolvedPolicy& policy, ByteWriter& out);
// Nullopt with in.error() set when the bytes do not describe a consistent
// policy. Marks are not checked: SourceTable answers an unknown one with no
// location.
std::optional<ResolvedPolicy> ReadResolved(ByteReader& in);

}  // namespace clearance::resolve
