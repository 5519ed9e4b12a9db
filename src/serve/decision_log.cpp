#include "serve/decision_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace clearance::serve {

std::string RotatedPath(std::string_view path, int n) { return std::string(path) + "." + std::to_string(n); }

bool RotateFiles(const std::string& path, int keep) {
  bool ok = true;
  auto move = [&](const std::string& from, const std::string& to) {
    if (std::rename(from.c_str(), to.c_str()) != 0 && errno != ENOENT) ok = false;
  };
  if (keep < 1) {
    if (std::remove(path.c_str()) != 0 && errno != ENOENT) ok = false;
    return ok;
  }
  for (int n = keep - 1; n >= 1; --n) move(RotatedPath(path, n), RotatedPath(path, n + 1));
  move(path, RotatedPath(path, 1));
  return ok;
}

std::string LogRecord(std::string_view time, std::string_view request_id, std::string_view decision_line) {
  std::string out;
  out.reserve(decision_line.size() + time.size() + request_id.size() + 32);
  out.append("{\"time\":\"").append(time).append("\",\"request_id\":\"").append(request_id).append("\"");
  // decision_line is "{...}": splice its members after ours.
  if (decision_line.size() > 2)
    out.append(",").append(decision_line.substr(1));
  else
    out.append("}");
  return out;
}

std::string UtcTimestamp(std::chrono::system_clock::time_point when) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];  // room for any int in every field, so GCC sees no truncation
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return text;
}

namespace {

int OpenAppend(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
}

}  // namespace

Result<std::unique_ptr<DecisionLog>> DecisionLog::Open(DecisionLogOptions options, Reporter report) {
  const int fd = OpenAppend(options.path);
  if (fd < 0) {
    return Error::Message("cannot open decision log '" + options.path + "': " + std::strerror(errno));
  }
  struct stat st {};
  const std::uint64_t size = ::fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  return std::unique_ptr<DecisionLog>(new DecisionLog(std::move(options), std::move(report), fd, size));
}

DecisionLog::DecisionLog(DecisionLogOptions options, Reporter report, int fd, std::uint64_t size)
    : options_(std::move(options)), report_(std::move(report)), fd_(fd), size_(size) {
  writer_ = std::thread([this] { Run(); });
}

DecisionLog::~DecisionLog() { Close(); }

bool DecisionLog::Append(std::string record) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() < options_.queue_capacity && !closing_) {
      const bool was_empty = queue_.empty();
      queue_.push_back(std::move(record));
      if (was_empty) wake_.notify_one();
      return true;
    }
  }
  dropped_.fetch_add(1, std::memory_order_relaxed);
  return false;
}

void DecisionLog::Close() {
  {
    std::lock_guard lock(mutex_);
    if (closing_ && !writer_.joinable()) return;
    closing_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
    fd_ = -1;
  }
}

void DecisionLog::Run() {
  auto last_sync = std::chrono::steady_clock::now();
  std::uint64_t reported_drops = 0;
  std::deque<std::string> batch;
  for (;;) {
    bool stop = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, options_.sync_interval, [&] { return closing_ || !queue_.empty(); });
      batch.swap(queue_);
      stop = closing_ && batch.empty();
    }
    if (!batch.empty()) Write(batch);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_sync >= options_.sync_interval) {
      if (fd_ >= 0) ::fdatasync(fd_);
      last_sync = now;
    }
    if (const std::uint64_t drops = dropped(); drops != reported_drops && report_) {
      report_("decision log: " + std::to_string(drops - reported_drops) + " records dropped (queue full); " +
              std::to_string(drops) + " in all");
      reported_drops = drops;
    }
    if (stop) return;
  }
}

bool DecisionLog::Reopen() {
  ::fdatasync(fd_);
  ::close(fd_);
  if (!RotateFiles(options_.path, options_.keep_files) && report_) {
    report_("decision log: rotating '" + options_.path + "' failed: " + std::strerror(errno));
  }
  fd_ = OpenAppend(options_.path);
  size_ = 0;
  if (fd_ < 0 && report_)
    report_("decision log: cannot reopen '" + options_.path + "': " + std::strerror(errno));
  return fd_ >= 0;
}

void DecisionLog::Write(std::deque<std::string>& batch) {
  std::string text;
  std::uint64_t records = 0;
  auto flush = [&] {
    if (text.empty()) return;
    if (fd_ < 0) {
      dropped_.fetch_add(records, std::memory_order_relaxed);
      text.clear();
      records = 0;
      return;
    }
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (report_) report_("decision log: write failed: " + std::string(std::strerror(errno)));
        dropped_.fetch_add(records, std::memory_order_relaxed);
        text.clear();
        records = 0;
        return;
      }
      done += static_cast<std::size_t>(n);
    }
    size_ += text.size();
    written_.fetch_add(records, std::memory_order_relaxed);
    text.clear();
    records = 0;
  };
  for (std::string& record : batch) {
    if (size_ + text.size() + record.size() + 1 > options_.max_file_bytes && size_ + text.size() > 0) {
      flush();
      Reopen();
    }
    text.append(record).push_back('\n');
    ++records;
  }
  flush();
  batch.clear();
}

}  // namespace clearance::serve
