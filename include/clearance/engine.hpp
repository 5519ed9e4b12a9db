// Hot reload: an Engine serves the current version of one policy and swaps in
// a newly loaded version while other threads keep deciding.
//
//   auto engine = clearance::Engine::Open("rules/frontier-2026/base.yaml");
//   if (!engine) { std::cerr << engine.error().ToString(); return 2; }
//
//   // Any number of deciding threads:
//   auto d = engine->Explain({{"model", "fable-5"}, {"country", "DE"}, {"use", "research"}},
//                            clearance::Date::TodayUtc());
//   if (d) audit_log(d->policy.digest(), clearance::ToString(d->decision.effect));
//
//   // One reloading thread (a file watcher, a SIGHUP handler's worker, ...):
//   if (auto r = engine->Reload(); !r) log(r.error().ToString());  // the old version stays
//
// Ownership and thread safety: an Engine owns its source (a path and load
// options) and a handle to the current Policy. Every method may be called
// from any number of threads at once. A decision takes one snapshot of the
// current policy and is made wholly by it: it never mixes two versions, and
// it names the version that made it (EngineDecision::policy, whose digest()
// an audit log records). A snapshot taken with policy() stays valid and
// unchanged for as long as the caller keeps it, whatever reloads happen.
//
// Reloading reads the policy's files again. Replace files by renaming a
// complete new file over the old one (write "x.yaml.tmp", then rename it to
// "x.yaml"): a reload that runs while a file is half written may read that
// half, and a half-written file is usually, but not always, a load error.
// A snapshot (`clearance compile`, SaveCompiled) reloads in milliseconds and
// is always whole: SaveCompiled renames it into place, and a half-written
// one fails its size check.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "clearance/decision.hpp"
#include "clearance/diagnostic.hpp"
#include "clearance/policy.hpp"

namespace clearance {

// A full decision and the whole policy version that made it.
struct EngineDecision {
  Policy policy;  // keeps that version alive; policy.digest() says which it was
  Query query;
  Decision decision;
};

// The fast answer and the policy version that made it. `verdict.decisive`
// points into `policy`, valid while this struct (or another handle to that
// policy) lives.
struct EngineVerdict {
  Policy policy;
  Verdict verdict;
};

class Engine {
 public:
  // Loads the policy whose root file is `path`, or the compiled snapshot
  // at `path` (LoadPolicyOrCompiled; reloads then read the snapshot again).
  // Fails as LoadPolicy or LoadCompiled does.
  static Result<Engine> Open(std::string path, LoadOptions options = {});

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // The policy's root file, as given to Open.
  const std::string& path() const;

  // A snapshot of the current version. Decide with it as often as needed:
  // each use sees that one version.
  Policy policy() const;

  // 1 after Open; one more after each successful Reload or Install.
  std::uint64_t generation() const;

  // Loads the files again. On success the new version becomes current (even
  // when its digest is unchanged: source lines in traces may have moved) and
  // is returned. On failure the current version stays and the load's Error
  // is returned. Concurrent reloads run one at a time.
  Result<Policy> Reload();

  // Makes a policy loaded by other means (from memory, a database) current.
  // Later Reload calls read `path()` again.
  void Install(Policy policy);

  // Resolves the names (as Policy::MakeQuery does), then decides on `date`
  // with the trace, all on one snapshot. An unknown dimension or value or a
  // missing dimension is an Error with code "query".
  Result<EngineDecision> Explain(const Assignments& assignments, Date date,
                                 TraceDetail detail = TraceDetail::kMatching) const;
  // The same without the trace, through Policy::Decide.
  Result<EngineVerdict> Decide(const Assignments& assignments, Date date) const;

 private:
  struct State;
  explicit Engine(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace clearance
