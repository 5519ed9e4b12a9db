// The decision log of `clearance serve`: one JSONL record per decision,
// appended by a writer thread.
//
// Deciding threads call Append, which only moves the record into a bounded
// queue; when the queue is full the record is dropped and counted (never
// blocking a decision on a slow disk). The writer takes everything queued at
// once, writes it with one write(2) per batch, fdatasync(2)s at most every
// sync_interval and at rotation and Close. So a crash of the process loses
// the records still queued; a crash of the machine loses at most about
// sync_interval of records. When the file would grow past max_file_bytes it is
// renamed FILE.1 (FILE.1 becomes FILE.2, ..., keeping `keep_files`) and a new
// FILE started.
//
// Thread safety: Append and the counters from any number of threads; Close
// from one thread, once (the destructor calls it).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "clearance/diagnostic.hpp"

namespace clearance::serve {

struct DecisionLogOptions {
  std::string path;
  std::size_t queue_capacity = 65'536;        // records
  std::uint64_t max_file_bytes = 256u << 20;  // rotate beyond this
  int keep_files = 10;                        // FILE.1 .. FILE.N
  std::chrono::milliseconds sync_interval{1000};
};

// FILE.n (n >= 1).
std::string RotatedPath(std::string_view path, int n);
// Renames FILE.(keep-1) -> FILE.keep, ..., FILE -> FILE.1; a missing file
// is skipped. False when a rename failed for another reason.
bool RotateFiles(const std::string& path, int keep);

// One record: {"time": ..., "request_id": ..., <fields of decision_line>}.
// `decision_line` is a one-line JSON object (a batch output line).
std::string LogRecord(std::string_view time, std::string_view request_id, std::string_view decision_line);

// Now as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string UtcTimestamp(std::chrono::system_clock::time_point when);

class DecisionLog {
 public:
  // Called from the writer thread with a message for the operator (dropped
  // records, write failures).
  using Reporter = std::function<void(const std::string&)>;

  static Result<std::unique_ptr<DecisionLog>> Open(DecisionLogOptions options, Reporter report);
  ~DecisionLog();
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  // Queues one record (without newline). False when the queue was full and
  // the record was dropped.
  bool Append(std::string record);
  // Writes everything queued, syncs, stops the writer. Idempotent.
  void Close();

  std::uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  DecisionLog(DecisionLogOptions options, Reporter report, int fd, std::uint64_t size);
  void Run();
  void Write(std::deque<std::string>& batch);
  bool Reopen();

  DecisionLogOptions options_;
  Reporter report_;
  int fd_;
  std::uint64_t size_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool closing_ = false;
  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::thread writer_;
};

}  // namespace clearance::serve
