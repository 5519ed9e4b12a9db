// clearance serve POLICY [--listen ADDR:PORT] [--threads N] [--decision-log FILE]
//                        [--watch] [--token-file F] [--tls-cert F --tls-key F]
// The decision service of docs/serve.md. Prints the bound address on stdout
// (its only line there), reports reloads and problems on stderr, exits 0
// after a graceful shutdown (SIGTERM, SIGINT).
#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>

#include "clearance/engine.hpp"
#include "clearance/snapshot.hpp"
#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "serve/decision_log.hpp"
#include "serve/server.hpp"
#include "serve/service.hpp"

namespace clearance::cli {
namespace {

struct ServeFlags {
  std::string policy;
  std::string listen = "127.0.0.1:8181";
  unsigned threads = 2;
  std::string decision_log;
  bool watch = false;
  std::string token_file;
  std::string tls_cert, tls_key;
  serve::Limits limits;
  unsigned header_timeout_ms = 10'000, body_timeout_ms = 30'000, idle_timeout_ms = 60'000,
           drain_timeout_ms = 10'000;
  serve::DecisionLogOptions log;
  LoadFlags load;
};

void Report(const std::string& message) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::cerr << "clearance serve: " << message << std::endl;
}

// The folders holding the policy's files: the root's, every rule's and every
// group's (a file declaring only values, in yet another folder, is missed).
std::vector<std::string> PolicyFolders(const std::string& root, const Policy& policy) {
  std::set<std::string> folders;
  auto add = [&](const std::string& file) {
    if (file.empty()) return;
    std::filesystem::path dir = std::filesystem::path(file).parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(dir, ec);
    if (!ec && std::filesystem::is_directory(canonical, ec)) folders.insert(canonical.string());
  };
  add(root);
  if (IsSnapshotFile(root)) return {folders.begin(), folders.end()};  // its sources are not read again
  for (const RuleInfo& rule : policy.rules()) add(rule.where.file);
  for (const DimensionInfo& dimension : policy.dimensions()) {
    for (const GroupInfo& group : dimension.groups) add(group.where.file);
  }
  return {folders.begin(), folders.end()};
}

int RunServe(ServeFlags& f) {
  const auto listen = serve::ParseListen(f.listen);
  if (!listen) throw UsageError{"error: --listen: '" + f.listen + "' is not ADDR:PORT"};
  if (f.tls_cert.empty() != f.tls_key.empty())
    throw UsageError{"error: --tls-cert and --tls-key go together"};
  f.limits.header_timeout = std::chrono::milliseconds(f.header_timeout_ms);
  f.limits.body_timeout = std::chrono::milliseconds(f.body_timeout_ms);
  f.limits.idle_timeout = std::chrono::milliseconds(f.idle_timeout_ms);
  f.limits.drain_timeout = std::chrono::milliseconds(f.drain_timeout_ms);

  Result<Engine> engine = Engine::Open(PolicyPath(f.policy, f.load.compiled), MakeLoadOptions(f.load));
  if (!engine) throw UsageError{engine.error().ToString()};

  serve::ServiceOptions service_options{f.limits, std::nullopt};
  if (!f.token_file.empty()) service_options.token = ReadSecretFile(f.token_file, "--token-file");
  std::unique_ptr<serve::DecisionLog> log;
  if (!f.decision_log.empty()) {
    f.log.path = f.decision_log;
    auto opened = serve::DecisionLog::Open(f.log, Report);
    if (!opened) throw UsageError{"error: --decision-log: " + opened.error().message()};
    log = std::move(*opened);
  }
  serve::Service service(*engine, service_options, log.get(), Report);

  serve::ServerOptions server_options{*listen, f.threads, f.tls_cert, f.tls_key, {}};
  if (f.watch) server_options.watch_dirs = PolicyFolders(engine->path(), engine->policy());
  auto server = serve::Server::Create(service, server_options);
  if (!server) throw UsageError{"error: " + server.error().message()};
  std::signal(SIGPIPE, SIG_IGN);
  std::cout << (*server)->address() << std::endl;
  Report("serving " + engine->policy().name() + " (" + engine->policy().digest() + ") on " +
         (f.tls_cert.empty() ? "http://" : "https://") + (*server)->address());
  (*server)->Run();
  if (log) log->Close();
  Report("stopped");
  return kPositive;
}

}  // namespace

VerbRunner AddServe(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* sub =
      app.add_subcommand("serve", "Serve decisions over HTTP with hot reload, metrics and a decision log");
  sub->add_option("policy", flags->policy, "The policy's root file (or --compiled FILE)");
  sub->add_option("--listen", flags->listen,
                  "ADDR:PORT to listen on (default 127.0.0.1:8181; port 0 picks one)");
  sub->add_option("--threads", flags->threads, "I/O and deciding threads (default 2)")
      ->check(CLI::Range(1u, 256u));
  sub->add_option("--decision-log", flags->decision_log, "Append one JSONL record per decision to FILE");
  sub->add_flag("--watch", flags->watch, "Reload when a policy file changes (inotify on its folders)");
  sub->add_option("--token-file", flags->token_file, "Require 'Authorization: Bearer <the file's token>'");
  sub->add_option("--tls-cert", flags->tls_cert, "PEM certificate chain: serve HTTPS");
  sub->add_option("--tls-key", flags->tls_key, "PEM private key of --tls-cert");
  sub->add_option("--max-body-bytes", flags->limits.max_body_bytes, "Largest request body (default 16 MiB)");
  sub->add_option("--max-header-bytes", flags->limits.max_header_bytes,
                  "Largest request head (default 16 KiB)");
  sub->add_option("--max-batch-lines", flags->limits.max_batch_lines,
                  "Most lines per /v1/batch (default 100000)");
  sub->add_option("--max-connections", flags->limits.max_connections, "Most open connections (default 1024)");
  sub->add_option("--header-timeout-ms", flags->header_timeout_ms,
                  "Time for a new connection's request head");
  sub->add_option("--body-timeout-ms", flags->body_timeout_ms, "Time for a request body or a response write");
  sub->add_option("--idle-timeout-ms", flags->idle_timeout_ms, "Keep-alive time between requests");
  sub->add_option("--drain-timeout-ms", flags->drain_timeout_ms, "Time for in-flight requests on SIGTERM");
  sub->add_option("--log-max-bytes", flags->log.max_file_bytes, "Rotate the decision log beyond this size");
  sub->add_option("--log-keep", flags->log.keep_files, "Rotated decision logs to keep (FILE.1 ..)");
  sub->add_option("--log-queue", flags->log.queue_capacity, "Decision log records queued before dropping");
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunServe(*flags); };
}

}  // namespace clearance::cli
