/* Decides a few queries through the C API and prints the answers.
 *
 *   decide POLICY [DATE]
 *
 * Exits 0 when every call behaved as expected, 1 otherwise, 2 when the policy
 * does not load. A template for FFI bindings: every string the API returns is
 * released with clearance_free, the policy with clearance_policy_free. */
#include <clearance/clearance.h>

#include <stdio.h>

/* Served in `country` to a national of `nationality` (rules/frontier-2026: a
 * release to a foreign national in the US is a deemed export). */
static int decide_one(const clearance_policy* policy, const char* model, const char* country,
                      const char* nationality, const char* use, const char* date) {
  const char* dims[] = {"model", "country", "nationality", "use"};
  const char* values[] = {model, country, nationality, use};
  char* err = NULL;
  int allowed = clearance_decide(policy, dims, values, 4, date, &err);
  if (allowed < 0) {
    fprintf(stderr, "%s\n", err);
    clearance_free(err);
    return -1;
  }
  printf("%-5s %s in %s to a %s national for %s\n", allowed ? "allow" : "deny", model, country, nationality, use);
  return allowed;
}

static int explain_one(const clearance_policy* policy, const char* query_json) {
  char* err = NULL;
  char* decision = clearance_decide_json(policy, query_json, &err);
  if (!decision) {
    fprintf(stderr, "%s\n", err);
    clearance_free(err);
    return -1;
  }
  printf("%s\n", decision);
  clearance_free(decision);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s POLICY [DATE]\n", argv[0]);
    return 2;
  }
  const char* date = argc > 2 ? argv[2] : "2026-12-15";
  printf("clearance %s\n", clearance_version());

  char* err = NULL;
  clearance_policy* policy = clearance_load_file(argv[1], &err);
  if (!policy) {
    fprintf(stderr, "%s\n", err);
    clearance_free(err);
    return 2;
  }
  printf("policy %s %s\n", clearance_policy_name(policy), clearance_policy_digest(policy));

  int ok = decide_one(policy, "fable-5", "US", "US", "research", date) >= 0;
  ok &= decide_one(policy, "fable-5", "US", "DE", "threat-response", date) >= 0;
  ok &= explain_one(policy, "{\"id\": 7, \"model\": \"fable-5\", \"country\": \"US\", \"nationality\": \"DE\", "
                            "\"use\": \"research\", \"date\": \"2026-12-15\"}") == 0;
  /* A bad query is an error message, never a decision. */
  ok &= decide_one(policy, "fable-5", "Germany", "US", "research", date) == -1;

  clearance_policy_free(policy);
  if (!ok) return 1;
  printf("done: every call behaved as expected\n");
  return 0;
}
