// Thrown inside a stage when a work bound (Limits, DiffOptions) is reached,
// and caught at that stage's border, where it becomes a diagnostic or an
// Error. It never leaves the library.
#pragma once

namespace clearance {

struct LimitExceeded {};

}  // namespace clearance
