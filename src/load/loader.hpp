// Reads a policy's files through a SourceResolver: the root, its includes
// (pre-order, each file once, cycles reported) and its extends chain.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "clearance/policy.hpp"
#include "load/document.hpp"

namespace clearance::load {

// Every file read is added to `sources`. Returns null when the root layer
// could not be read at all; other faults are in `diagnostics`.
// `root_text`, when given, is the root file's content (its name is `root`).
std::unique_ptr<PolicyDoc> LoadDocument(std::string_view root, std::optional<std::string_view> root_text,
                                        SourceResolver& resolver, const Limits& limits,
                                        SourceTable& sources, Diagnostics& diagnostics);

}  // namespace clearance::load
