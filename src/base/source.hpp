// Source side table: every stage points back into the policy's files through
// a Mark, and diagnostics are collected here with caret context.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clearance/diagnostic.hpp"

namespace clearance {

// A position in a loaded file; 1-based line and column. line 0: no position.
struct Mark {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t col = 0;
};

struct SourceFile {
  std::string name;  // as shown in messages
  std::string text;
  std::vector<std::size_t> line_starts;  // byte offset of each line, so context is O(1)
};

class SourceTable {
 public:
  std::uint32_t Add(std::string name, std::string text);
  const SourceFile& file(std::uint32_t index) const { return files_[index]; }
  std::size_t size() const { return files_.size(); }

  SourceLocation Locate(Mark mark) const;
  // "FILE:LINE"
  std::string ShortLocation(Mark mark) const;
  // "FILE:LINE:COL", for messages that point at a second place.
  std::string Where(Mark mark) const;
  // The source line under mark and a caret under its column.
  std::string Context(Mark mark) const;

 private:
  std::vector<SourceFile> files_;
};

// Collects every diagnostic of a stage, in the order found.
class Diagnostics {
 public:
  explicit Diagnostics(const SourceTable& sources) : sources_(&sources) {}

  void Report(Severity severity, Mark mark, std::string code, std::string message);
  void Error(Mark mark, std::string code, std::string message);
  void Warning(Mark mark, std::string code, std::string message);
  void Add(Diagnostic diagnostic) {
    if (diagnostic.severity == Severity::kError) ++errors_;
    list_.push_back(std::move(diagnostic));
  }

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& list() const { return list_; }
  // The errors so far, as an Error of the kind last set (bad input unless
  // the stage that failed said otherwise).
  clearance::Error ToError() const;
  void SetKind(ErrorKind kind) { kind_ = kind; }
  const SourceTable& sources() const { return *sources_; }

 private:
  const SourceTable* sources_;
  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
  ErrorKind kind_ = ErrorKind::kBadInput;
};

}  // namespace clearance
