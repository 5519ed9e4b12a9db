// The hot-reload handle. Readers copy a shared_ptr to the current snapshot,
// so a reload never waits for decisions, never frees a version that a
// decision still uses, and blocks readers only for a pointer swap (loading
// happens outside every lock); reloads are serialized by their own mutex so
// that two of them cannot install out of order.
#include "clearance/engine.hpp"

#include <memory>
#include <mutex>

#include "clearance/snapshot.hpp"

namespace clearance {

namespace {

// One installed version and its install count, read together.
struct Snapshot {
  Policy policy;
  std::uint64_t generation;
};

// The current snapshot behind a mutex held only to copy or swap the pointer.
// Not std::atomic<std::shared_ptr>: libstdc++ 12's load() releases its
// internal lock with a relaxed store after reading the pointer, so that read
// is not ordered before the next store, and ThreadSanitizer reports a race.
class CurrentPolicy {
 public:
  explicit CurrentPolicy(Snapshot first) : current_(std::make_shared<const Snapshot>(std::move(first))) {}
  std::shared_ptr<const Snapshot> Load() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  void Store(Snapshot next) {
    auto made = std::make_shared<const Snapshot>(std::move(next));
    std::lock_guard lock(mutex_);
    current_.swap(made);  // the old one is released after the lock, in `made`
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace

struct Engine::State {
  State(std::string p, LoadOptions o, Policy initial)
      : path(std::move(p)), options(std::move(o)), current(Snapshot{std::move(initial), 1}) {}

  // Called with reload_mutex held, so generations count installs in order.
  void InstallLocked(Policy policy) {
    const std::uint64_t next = current.Load()->generation + 1;
    current.Store(Snapshot{std::move(policy), next});
  }

  const std::string path;
  const LoadOptions options;
  CurrentPolicy current;
  std::mutex reload_mutex;
};

Engine::Engine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Result<Engine> Engine::Open(std::string path, LoadOptions options) {
  Result<Policy> policy = LoadPolicyOrCompiled(path, options);
  if (!policy) return policy.error();
  return Engine(std::make_unique<State>(std::move(path), std::move(options), std::move(*policy)));
}

const std::string& Engine::path() const { return state_->path; }

Policy Engine::policy() const { return state_->current.Load()->policy; }

std::uint64_t Engine::generation() const { return state_->current.Load()->generation; }

Result<Policy> Engine::Reload() {
  std::lock_guard lock(state_->reload_mutex);
  // Loading happens while deciders keep using the current version.
  Result<Policy> next = LoadPolicyOrCompiled(state_->path, state_->options);
  if (!next) return next.error();
  state_->InstallLocked(*next);
  return next;
}

void Engine::Install(Policy policy) {
  std::lock_guard lock(state_->reload_mutex);
  state_->InstallLocked(std::move(policy));
}

Result<EngineDecision> Engine::Explain(const Assignments& assignments, Date date, TraceDetail detail) const {
  Policy snapshot = policy();
  Result<Query> query = snapshot.MakeQuery(assignments, date);
  if (!query) return query.error();
  Decision decision = snapshot.Explain(*query, detail);
  return EngineDecision{std::move(snapshot), std::move(*query), std::move(decision)};
}

Result<EngineVerdict> Engine::Decide(const Assignments& assignments, Date date) const {
  Policy snapshot = policy();
  Result<Query> query = snapshot.MakeQuery(assignments, date);
  if (!query) return query.error();
  const Verdict verdict = snapshot.Decide(*query);
  return EngineVerdict{std::move(snapshot), verdict};
}

}  // namespace clearance
