// The C face of clearance::Engine: hot reload for FFI callers. A caller
// takes a clearance_policy handle on the current version, decides with it
// through the ordinary functions, and frees it; reloads never change a
// handle already taken.
#include "capi/border.hpp"
#include "clearance/clearance.h"
#include "clearance/engine.hpp"

struct clearance_engine {
  explicit clearance_engine(clearance::Engine e) : engine(std::move(e)) {}

  clearance::Engine engine;
};

namespace {

using clearance::capi::Guard;
using clearance::capi::SetError;
using clearance::capi::SetLoadError;

}  // namespace

extern "C" {

clearance_engine* clearance_engine_open(const char* path, char** err) {
  return Guard<clearance_engine*>(err, nullptr, [&]() -> clearance_engine* {
    if (!path) {
      SetError(err, "error: clearance_engine_open: path is NULL");
      return nullptr;
    }
    auto engine = clearance::Engine::Open(path);
    if (!engine) {
      SetLoadError(err, engine.error());
      return nullptr;
    }
    return new clearance_engine(std::move(*engine));
  });
}

int clearance_engine_reload(clearance_engine* engine, char** err) {
  return Guard<int>(err, -1, [&] {
    if (!engine) {
      SetError(err, "error: clearance_engine_reload: engine is NULL");
      return -1;
    }
    auto reloaded = engine->engine.Reload();
    if (!reloaded) {
      SetLoadError(err, reloaded.error());
      return -1;
    }
    return 0;
  });
}

clearance_policy* clearance_engine_policy(const clearance_engine* engine) {
  return Guard<clearance_policy*>(nullptr, nullptr, [&]() -> clearance_policy* {
    if (!engine) return nullptr;
    return new clearance_policy{engine->engine.policy()};
  });
}

void clearance_engine_free(clearance_engine* engine) { delete engine; }

}  // extern "C"
