/* The C API of clearance (version 1): for C programs and for
 * FFI from Java, Go, .NET, Rust, Python ctypes and the like.
 *
 *   char* err = NULL;
 *   clearance_policy* p = clearance_load_file("rules/frontier-2026/base.yaml", &err);
 *   if (!p) { fprintf(stderr, "%s\n", err); clearance_free(err); return 2; }
 *   const char* dims[] = {"model", "country", "use"};
 *   const char* values[] = {"fable-5", "DE", "research"};
 *   int allowed = clearance_decide(p, dims, values, 3, "2027-01-15", &err);
 *   char* json = clearance_decide_json(p, "{\"model\": \"fable-5\", \"country\": \"DE\", "
 *                                         "\"use\": \"research\"}", &err);
 *   ...
 *   clearance_free(json);
 *   clearance_policy_free(p);
 *
 * Ownership: a clearance_policy is opaque and immutable once loaded; free it
 * with clearance_policy_free. Every char* the API returns, and every message
 * stored in *err, is owned by the caller and released with clearance_free
 * (plain malloc/free underneath, so clearance_free(NULL) is fine). Strings
 * the API returns as const char* (version, digest) are owned by the library.
 *
 * Errors: a function that fails returns NULL (or -1) and, when err is not
 * NULL, stores a one-line message in *err: "FILE:LINE:COL: error: MESSAGE
 * [code]" for a policy that fails to load (the first error found), or
 * "error: MESSAGE" for a bad argument or query. When err is NULL the
 * message is dropped. On success *err is left untouched.
 *
 * Thread safety: every function may be called from any number of threads at
 * once, on the same policy too, except that clearance_policy_free must not
 * run while another call still uses that policy. No C++ exception crosses
 * this boundary.
 *
 * Strings are UTF-8 and NUL-terminated. JSON shapes are those of the command
 * line (`clearance check --format json`, `clearance lint --format json`,
 * `clearance diff --format json`); the rule language is docs/language.md.
 */
#ifndef CLEARANCE_CLEARANCE_H_
#define CLEARANCE_CLEARANCE_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct clearance_policy clearance_policy; /* opaque, immutable once loaded */

/* The library's version, "MAJOR.MINOR.PATCH" (e.g. "0.1.0"); static storage. */
const char* clearance_version(void);

/* Loads a policy from its root file; includes and extends are read from disk
 * relative to it. NULL and *err on failure. */
clearance_policy* clearance_load_file(const char* path, char** err);

/* Loads a single-file policy from YAML text; `name` stands for its file in
 * messages (NULL: "<string>"). Nothing is read from disk: an include or
 * extends is an error. NULL and *err on failure. */
clearance_policy* clearance_load_string(const char* name, const char* yaml, char** err);

/* Loads a compiled snapshot written by `clearance compile` (or the C++
 * SaveCompiled), ready in milliseconds. `key` is the key it was signed with,
 * or NULL for an unsigned one. NULL and *err ("FILE: error: ...") when the
 * file is missing, not a snapshot, truncated, damaged, of another format
 * version or signed under another key. */
clearance_policy* clearance_load_compiled(const char* path, const char* key, char** err);

/* Writes the policy as a compiled snapshot to `path` (a temporary file
 * renamed over it), signed with `key` unless it is NULL. 0, or -1 and *err. */
int clearance_save_compiled(const clearance_policy* policy, const char* path, const char* key, char** err);

/* Decides one query given as a JSON object in the batch line format of
 * `clearance batch`: dimension -> value (strings), optional "date" ("YYYY-MM-DD"; absent:
 * today, UTC) and optional "id" (any JSON value, copied to the output's top
 * level). Dimensions left out take their default. Returns the decision JSON
 * of `clearance check --format json` on one line, with the trace of matching rules; NULL and *err on
 * malformed JSON or a bad query (unknown dimension or value, a group given as
 * a value, a missing dimension, a bad date). */
char* clearance_decide_json(const clearance_policy* policy, const char* query_json, char** err);

/* As clearance_decide_json, with the member "alternatives" of `clearance
 * check --alternatives --format json` before "policy": per dimension the
 * values that would give the other effect, the dates the effect changes,
 * else the smallest set of dimensions to change. */
char* clearance_decide_json_alternatives(const clearance_policy* policy, const char* query_json, char** err);

/* The fast path: values[i] is the value of dimension dims[i], for i < n;
 * dimensions left out take their default. date is "YYYY-MM-DD", or NULL for
 * today (UTC). Returns 1 allow, 0 deny, -1 error (then *err is set when err
 * is not NULL). Cheaper than clearance_decide_json: no JSON and no trace. */
int clearance_decide(const clearance_policy* policy, const char* const* dims, const char* const* values,
                     size_t n, const char* date, char** err);

/* The policy digest, "sha256:<hex>" (docs/language.md section 16): the same for policies with the
 * same meaning. Owned by the policy, valid while it lives; NULL for NULL. */
const char* clearance_policy_digest(const clearance_policy* policy);

/* The policy's name (its `policy:` key). Owned by the policy; NULL for NULL. */
const char* clearance_policy_name(const clearance_policy* policy);

/* The JSON of `clearance diff OLD NEW --format json` (by outcome), on one line:
 * the changed queries as regions. date is the date both policies are
 * evaluated on, "YYYY-MM-DD", or NULL for today (UTC). NULL and *err on a bad
 * date, or when the policies cannot be compared (a dimension declared by one
 * side only without a default there). Release with clearance_free. */
char* clearance_diff_json(const clearance_policy* old_policy, const clearance_policy* new_policy,
                          const char* date, char** err);

/* The JSON of `clearance lint POLICY --format json`, on one line:
 * {"diagnostics": [...]}. date is the as-of date for `expired`, or NULL for
 * today (UTC). A loaded policy has warnings only. NULL and *err on a bad
 * date. Release with clearance_free. */
char* clearance_lint_json(const clearance_policy* policy, const char* date, char** err);

/* Lint from the root file, as `clearance lint` does: a policy that fails to
 * load yields its load errors as diagnostics in the JSON. NULL and *err only
 * when the root file cannot be read, or on a bad date. */
char* clearance_lint_file_json(const char* path, const char* date, char** err);

/* Hot reload. An engine holds the current version of the policy at `path`;
 * clearance_engine_reload reads the files again and swaps the new version in
 * while other threads keep deciding. Take a handle on the current version
 * with clearance_engine_policy, decide with it through the functions above,
 * record its digest with each decision, and free it with
 * clearance_policy_free: every decision made with one handle comes from one
 * whole version, and a handle stays valid and unchanged after reloads, and
 * after clearance_engine_free. Replace policy files by renaming a complete
 * new file over the old one, so that a reload never reads a half-written
 * file. All engine functions may be called from any number of threads, except
 * that clearance_engine_free must not race with other calls on that engine. */
typedef struct clearance_engine clearance_engine;

/* Loads the policy whose root file is `path`, or the unsigned compiled
 * snapshot at `path` (reloads then read the snapshot again). NULL and *err
 * on failure. */
clearance_engine* clearance_engine_open(const char* path, char** err);

/* Loads the files again: 0 when the new version is current, -1 and *err
 * ("FILE:LINE:COL: error: ...") when it failed to load; then the current
 * version stays. */
int clearance_engine_reload(clearance_engine* engine, char** err);

/* A new handle on the current version (NULL only for a NULL engine or when
 * out of memory); release it with clearance_policy_free. */
clearance_policy* clearance_engine_policy(const clearance_engine* engine);

/* Frees an engine; NULL is fine. Handles taken from it stay valid. */
void clearance_engine_free(clearance_engine* engine);

/* Frees a policy; NULL is fine. */
void clearance_policy_free(clearance_policy* policy);

/* Frees a string returned by this API or stored in *err; NULL is fine. */
void clearance_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* CLEARANCE_CLEARANCE_H_ */
