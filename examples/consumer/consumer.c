/* A C program using the installed clearance through its C API.
 *
 *   consumer_c POLICY */
#include <clearance/clearance.h>

#include <stdio.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: consumer_c POLICY\n");
    return 2;
  }
  char* err = NULL;
  clearance_policy* policy = clearance_load_file(argv[1], &err);
  if (!policy) {
    fprintf(stderr, "%s\n", err);
    clearance_free(err);
    return 2;
  }
  const char* dims[] = {"model", "country", "use"};
  const char* values[] = {"fable-5", "US", "research"};
  const int allowed = clearance_decide(policy, dims, values, 3, "2026-12-15", &err);
  char* json = clearance_decide_json(
      policy,
      "{\"model\": \"fable-5\", \"country\": \"US\", \"nationality\": \"DE\", \"use\": \"research\", "
      "\"date\": \"2026-12-15\"}",
      &err);
  int status = 0;
  if (allowed < 0 || !json) {
    fprintf(stderr, "%s\n", err);
    clearance_free(err);
    status = 1;
  } else {
    printf("clearance %s, policy %s\n%s fable-5 to US for research\n%s\n", clearance_version(),
           clearance_policy_digest(policy), allowed ? "allow" : "deny", json);
  }
  clearance_free(json);
  clearance_policy_free(policy);
  return status;
}
