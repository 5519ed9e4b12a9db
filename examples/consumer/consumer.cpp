// A C++ program using the installed clearance: load a policy, decide with
// the trace through a hot-reload Engine, print the digest for the audit log.
//
//   consumer_cpp POLICY
#include <clearance/engine.hpp>
#include <clearance/json.hpp>
#include <clearance/policy.hpp>
#include <clearance/version.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: consumer_cpp POLICY\n";
    return 2;
  }
  if (clearance::LibraryVersion() != clearance::kVersion) {
    std::cerr << "headers " << clearance::kVersion << " but library " << clearance::LibraryVersion() << '\n';
    return 1;
  }
  auto engine = clearance::Engine::Open(argv[1]);
  if (!engine) {
    std::cerr << engine.error().ToString();
    return 2;
  }
  const clearance::Date day = *clearance::Date::Parse("2026-12-15");
  // A German national using fable-5 in the US: a deemed export (rules/frontier-2026).
  auto d = engine->Explain({{"model", "fable-5"}, {"country", "US"}, {"nationality", "DE"}, {"use", "research"}}, day);
  if (!d) {
    std::cerr << d.error().message() << '\n';
    return 1;
  }
  std::cout << "clearance " << clearance::LibraryVersion() << '\n'
            << clearance::DecisionToJson(d->policy, d->query, d->decision) << '\n';

  auto bad = engine->Explain({{"model", "fable-5"}, {"country", "Germany"}, {"use", "research"}}, day);
  if (bad) return 1;
  std::cout << "rejected: " << bad.error().diagnostics().front().message << '\n';
  return 0;
}
