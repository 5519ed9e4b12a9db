// Diagnostics and the result type through which every fallible call reports.
//
// A policy author's mistakes come back as Diagnostics (all of them, each with
// file:line:col); a caller's or the environment's failure is an Error with one
// Diagnostic. Nothing in the library throws to the caller.
#pragma once

#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace clearance {

enum class Severity { kError, kWarning };

// 1-based line and column; line 0 means "the whole file" or "no file".
struct SourceLocation {
  std::string file;
  int line = 0;
  int col = 0;
};

struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::kError;
  std::string code;     // e.g. "unknown-name", "cycle", "syntax"
  std::string message;  // one line, no location prefix
  std::string context;  // optional source line with a caret under the column
  // Optional subjects, for lint JSON.
  std::string rule;
  std::string group;
  std::string dimension;

  // "FILE:LINE:COL: error: MESSAGE [code]"
  std::string ToString() const;
};

// Whose fault a failure is, set where the error is made.
enum class ErrorKind {
  kBadInput,  // the policy, a query or an argument is wrong: the caller can fix it
  kNotFound,  // a file or source the caller named cannot be located or read
  kLimit,     // a configured bound (Limits, DiffOptions) was reached
  kInternal,  // a bug in the library
};

// What a failed call returns: one or more diagnostics, errors first.
class Error {
 public:
  Error() = default;
  explicit Error(std::vector<Diagnostic> diagnostics, ErrorKind kind = ErrorKind::kBadInput)
      : diagnostics_(std::move(diagnostics)), kind_(kind) {}
  static Error Message(std::string message, std::string code = "error", ErrorKind kind = ErrorKind::kBadInput);

  ErrorKind kind() const { return kind_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // The first diagnostic as a "FILE:LINE:COL: error: MESSAGE" line.
  std::string message() const;
  // Every diagnostic, one per line, with context lines.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> diagnostics_;
  ErrorKind kind_ = ErrorKind::kBadInput;
};

// Shaped like std::expected<T, Error>.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

// "did you mean" suggestions: the closest candidates by edit distance (at
// most `most`, closest first), for messages about a misspelt name.
std::vector<std::string> ClosestNames(std::string_view name, const std::vector<std::string>& candidates,
                                      std::size_t most = 3);
// " (did you mean 'a' or 'b'?)" or "".
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace clearance
