// What every C entry point shares: the handle behind clearance_policy, and
// the conversions at the border (malloc'd strings, error messages, one
// guard that turns every exception into an error).
#pragma once

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string_view>

#include "clearance/diagnostic.hpp"
#include "clearance/policy.hpp"

namespace clearance::capi {

// A malloc'd, NUL-terminated copy of a + b; NULL when out of memory. Never
// throws, so it is safe inside a catch block.
inline char* CopyOut(std::string_view a, std::string_view b = {}) noexcept {
  char* out = static_cast<char*>(std::malloc(a.size() + b.size() + 1));
  if (!out) return nullptr;
  // memcpy from a null pointer is undefined even for zero bytes.
  if (!a.empty()) std::memcpy(out, a.data(), a.size());
  if (!b.empty()) std::memcpy(out + a.size(), b.data(), b.size());
  out[a.size() + b.size()] = '\0';
  return out;
}

inline void SetError(char** err, std::string_view a, std::string_view b = {}) noexcept {
  if (err) *err = CopyOut(a, b);
}

// A load failure: the first error, "FILE:LINE:COL: error: MESSAGE [code]".
inline void SetLoadError(char** err, const Error& error) { SetError(err, error.message()); }

// A caller's failure: "error: MESSAGE", as the CLI prints it.
inline void SetQueryError(char** err, const Error& error) {
  const auto& diags = error.diagnostics();
  SetError(err, "error: ", diags.empty() ? std::string_view("bad query") : std::string_view(diags.front().message));
}

// Runs body(); any exception becomes an "error: ..." message and `failed`.
template <class T, class Body>
T Guard(char** err, T failed, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    SetError(err, "error: out of memory");
  } catch (const std::exception& e) {
    SetError(err, "error: internal error: ", e.what());
  } catch (...) {
    SetError(err, "error: internal error");
  }
  return failed;
}

}  // namespace clearance::capi

struct clearance_policy {
  clearance::Policy handle;

  const clearance::Policy& policy() const { return handle; }
};
