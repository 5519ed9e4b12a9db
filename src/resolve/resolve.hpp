// Stage 3: document -> resolved policy (names -> value sets, graphs checked).
#pragma once

#include <optional>

#include "load/document.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::resolve {

// Every fault goes to `diagnostics`; returns nothing when there was one.
std::optional<ResolvedPolicy> Resolve(const load::PolicyDoc& document, const Limits& limits,
                                      Diagnostics& diagnostics);

// "sha256:<hex>" over the policy's meaning (see digest.cpp).
std::string ComputeDigest(const ResolvedPolicy& policy);
// Sets policy.digest (ComputeDigest) and every rule's content_id from one
// canonical text.
void Fingerprint(ResolvedPolicy& policy);
// The canonical JSON text that ComputeDigest hashes.
std::string CanonicalJson(const ResolvedPolicy& policy);

}  // namespace clearance::resolve
