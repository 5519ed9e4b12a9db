"""The Python module (README.md "Embedding"): load, decide, errors, run_tests.

Run by ctest with PYTHONPATH at the built module and CLEARANCE_SOURCE_DIR at
the repository; CLEARANCE_CLI, when set, is the built command line (decisions
are compared with `clearance batch`).
"""
import datetime
import json
import os
import pathlib
import subprocess
import tempfile
import threading
import unittest

import clearance

SOURCE = pathlib.Path(os.environ.get("CLEARANCE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BASE = SOURCE / "rules" / "frontier-2026" / "base.yaml"

POLICY = """clearance: 1
policy: py-test
dimensions:
  model:
    values: [m1, m2]
    groups:
      big: [m1]
  country:
    values: [US, DE]
  use:
    values: [research, commercial]
rules:
  - id: allow-us
    effect: allow
    when: country == US
  - id: deny-big-abroad
    effect: deny
    when: model in big and country != US
    because: big models stay home
  - id: allow-research
    effect: allow
    when: use == research
    overrides: [deny-big-abroad]
    effective: 2026-01-01
"""


class LoadTest(unittest.TestCase):
    def test_load_gives_name_and_digest(self):
        p = clearance.load(str(BASE))
        self.assertEqual(p.name, "frontier-2026")
        self.assertRegex(p.digest, r"^sha256:[0-9a-f]{64}$")
        self.assertIn("model", p.dimensions)
        self.assertIn("nationality", p.dimensions)
        self.assertIn("bis-letter-2026-06-12", p.rules)

    def test_loads_and_load_agree_on_the_digest(self):
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "p.yaml"
            path.write_text(POLICY)
            self.assertEqual(clearance.load(str(path)).digest, clearance.loads(POLICY, name="p.yaml").digest)

    def test_policy_error_carries_the_position(self):
        with self.assertRaises(clearance.PolicyError) as caught:
            clearance.loads("clearance: 1\npolicy: x\nrules: 3\n", name="x.yaml")
        e = caught.exception
        self.assertEqual((e.file, e.line, e.col), ("x.yaml", 3, 8))
        self.assertEqual(e.message, "'rules' must be a list, not a scalar")
        self.assertTrue(str(e).startswith("x.yaml:3:8: error: 'rules' must be a list"))
        self.assertEqual(e.diagnostics[0]["line"], 3)
        self.assertIsInstance(e, clearance.Error)

    def test_a_missing_file_is_a_policy_error(self):
        with self.assertRaises(clearance.PolicyError) as caught:
            clearance.load("/nonexistent/policy.yaml")
        self.assertIn("/nonexistent/policy.yaml", str(caught.exception))

    def test_loads_reads_nothing_from_disk(self):
        text = "clearance: 1\npolicy: x\ninclude: [%s]\n" % (SOURCE / "rules" / "common" / "uses.yaml")
        with self.assertRaises(clearance.PolicyError) as caught:
            clearance.loads(text, name="s.yaml")
        self.assertEqual((caught.exception.file, caught.exception.line), ("s.yaml", 3))

    def test_root_confines_the_files(self):
        with self.assertRaises(clearance.PolicyError):
            clearance.load(str(BASE), root=str(SOURCE / "rules" / "frontier-2026"))
        self.assertEqual(clearance.load(str(BASE), root=str(SOURCE / "rules")).name, "frontier-2026")

    def test_version(self):
        self.assertEqual(clearance.__version__, "0.1.0")


class DecideTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = clearance.loads(POLICY, name="p.yaml")

    def test_decide_returns_the_decision_json_as_a_dict(self):
        d = self.p.decide({"model": "m1", "country": "DE", "use": "research"}, date="2026-03-01")
        self.assertEqual(d["effect"], "allow")
        self.assertEqual(d["basis"], "rule")
        self.assertEqual(d["decisive"], ["allow-research"])
        self.assertEqual(d["query"], {"model": "m1", "country": "DE", "use": "research", "date": "2026-03-01"})
        self.assertEqual([(t["rule"], t["status"]) for t in d["trace"]],
                         [("deny-big-abroad", "overridden"), ("allow-research", "decisive")])
        self.assertEqual(d["trace"][0]["overridden_by"], ["allow-research"])
        self.assertEqual(d["trace"][0]["source"], "p.yaml:16")
        self.assertEqual(d["trace"][0]["why"], ["model in big", "country != US"])
        self.assertEqual(d["trace"][1]["why"], ["use == research"])
        self.assertEqual(d["policy"], {"name": "py-test", "digest": self.p.digest})

    def test_alternatives_say_what_would_flip_the_decision(self):
        d = self.p.decide({"model": "m1", "country": "DE", "use": "research"}, date="2026-03-01", alternatives=True)
        self.assertEqual(list(d)[-2:], ["alternatives", "policy"])
        self.assertEqual(d["alternatives"]["dates"]["previous"]["date"], "2026-01-01")
        self.assertNotIn("alternatives", self.p.decide({"model": "m1", "country": "DE", "use": "research"}))

    def test_the_date_decides_which_rules_are_active(self):
        q = {"model": "m1", "country": "DE", "use": "research"}
        self.assertEqual(self.p.decide(q, date="2025-12-31")["effect"], "deny")
        self.assertEqual(self.p.decide(q, date=datetime.date(2026, 1, 1))["effect"], "allow")
        # A date in the query overrides the as-of date.
        self.assertEqual(self.p.decide(dict(q, date="2025-12-31"), date="2026-06-01")["effect"], "deny")
        self.assertEqual(self.p.decide(q)["query"]["date"], datetime.datetime.now(datetime.timezone.utc).date().isoformat())

    def test_the_id_is_copied_first(self):
        d = self.p.decide({"model": "m2", "id": {"ticket": 7}, "country": "US", "use": "commercial"})
        self.assertEqual(list(d)[0], "id")
        self.assertEqual(d["id"], {"ticket": 7})

    def test_bad_queries_raise_query_error(self):
        cases = [
            ({"model": "m3", "country": "DE", "use": "research"}, "unknown value 'm3' of dimension 'model'"),
            ({"model": "big", "country": "DE", "use": "research"}, "'big' is a group of dimension 'model'"),
            ({"model": "m1", "country": "DE"}, "missing a value for dimension 'use'"),
            ({"model": "m1", "country": "DE", "use": "research", "size": "xl"}, "unknown dimension 'size'"),
            ({"model": 1, "country": "DE", "use": "research"}, "the value of 'model' must be a string"),
            ({"model": "m1", "country": "DE", "use": "research", "date": "2026-02-30"}, "bad date '2026-02-30'"),
        ]
        for query, message in cases:
            with self.subTest(query=query):
                with self.assertRaises(clearance.QueryError) as caught:
                    self.p.decide(query)
                self.assertIn(message, str(caught.exception))
                self.assertIn(message, caught.exception.message)
                self.assertIsInstance(caught.exception, ValueError)

    def test_a_bad_as_of_date_raises(self):
        with self.assertRaises(clearance.QueryError):
            self.p.decide({"model": "m1", "country": "US", "use": "research"}, date="tomorrow")
        with self.assertRaises(TypeError):
            self.p.decide({"model": "m1", "country": "US", "use": "research"}, date=20260101)
        with self.assertRaises(TypeError):
            self.p.decide(["model", "m1"])

    def test_threads_get_the_same_answers(self):
        queries = [{"model": m, "country": c, "use": u, "date": "2026-03-01"}
                   for m in ("m1", "m2") for c in ("US", "DE") for u in ("research", "commercial")]
        expected = [self.p.decide(q) for q in queries]
        results = {}

        def work(n):
            results[n] = [self.p.decide(q) for _ in range(50) for q in queries]

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for n in range(4):
            self.assertEqual(results[n], expected * 50)

    @unittest.skipUnless(os.environ.get("CLEARANCE_CLI"), "CLEARANCE_CLI is not set")
    def test_decide_matches_clearance_batch(self):
        lines = [
            {"id": 1, "model": "fable-5", "country": "DE", "use": "threat-response", "date": "2027-01-15"},
            {"model": "fable-5", "country": "US", "use": "research", "date": "2026-12-15"},
            {"id": "x", "model": "fable-5", "country": "IR", "use": "research", "date": "2026-12-15"},
        ]
        out = subprocess.run([os.environ["CLEARANCE_CLI"], "batch", str(BASE)], check=True, text=True,
                             capture_output=True, input="".join(json.dumps(l) + "\n" for l in lines)).stdout
        p = clearance.load(str(BASE))
        for line, batch_line in zip(lines, out.splitlines(), strict=True):
            self.assertEqual(p.decide(line), json.loads(batch_line))


class AnalysisTest(unittest.TestCase):
    def test_lint_returns_the_lint_json(self):
        p = clearance.loads(POLICY.replace("      big: [m1]\n", "      big: [m1]\n      spare: [m2]\n"), name="p.yaml")
        found = p.lint(date="2027-01-01")["diagnostics"]
        unused = [d for d in found if d["code"] == "unused"]
        self.assertEqual(len(unused), 1)
        self.assertEqual((unused[0]["file"], unused[0]["line"], unused[0]["severity"]), ("p.yaml", 8, "warning"))
        self.assertEqual(unused[0]["group"], "spare")

    def test_lint_file_reports_load_errors_as_diagnostics(self):
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "p.yaml"
            path.write_text("clearance: 1\npolicy: x\nrules: 3\n")
            found = clearance.lint_file(str(path))["diagnostics"]
        self.assertEqual((found[0]["line"], found[0]["col"], found[0]["severity"]), (3, 8, "error"))

    def test_diff_returns_the_changed_regions(self):
        old = clearance.load(str(BASE))
        new = clearance.load(str(BASE.with_name("allies-defensive.yaml")))
        d = clearance.diff(old, new, date="2027-01-15", by="effect")
        self.assertEqual(d["old"], {"name": old.name, "digest": old.digest})
        self.assertEqual(d["new"]["digest"], new.digest)
        self.assertEqual(d["date"], "2027-01-15")
        self.assertGreater(d["changed"], 0)
        self.assertEqual(sum(r["count"] for r in d["regions"]), d["changed"])
        for region in d["regions"]:
            self.assertEqual((region["from"], region["to"]), ("deny", "allow"))
            q = {dim: values[0] for dim, values in region["values"].items()}
            self.assertEqual(old.decide(q, date="2027-01-15")["effect"], "deny")
            self.assertEqual(new.decide(q, date="2027-01-15")["effect"], "allow")
        self.assertEqual(clearance.diff(old, old, date="2027-01-15")["changed"], 0)
        by_decisive = clearance.diff(old, new, date="2027-01-15", by="decisive")
        self.assertGreaterEqual(by_decisive["changed"], d["changed"])
        self.assertEqual(clearance.diff(old, new, date="2027-01-15")["by"], "effect")  # the documented default
        self.assertEqual(clearance.diff(old, new, date="2027-01-15", by="outcome")["by"], "outcome")
        self.assertEqual(clearance.diff(old, new, date="2027-01-15", by="effect")["by"], "effect")
        with self.assertRaises(ValueError):
            clearance.diff(old, new, by="rules")


class RunTestsTest(unittest.TestCase):
    def test_shipped_test_files_pass(self):
        report = clearance.run_tests([str(SOURCE / "rules" / "frontier-2026" / "base.test.yaml")])
        self.assertGreater(report["passed"], 0)
        self.assertEqual(report["failed"], 0)
        self.assertEqual(report["failures"], [])
        self.assertEqual(report["coverage"][0]["name"], "frontier-2026")

    def test_a_failing_case_is_reported(self):
        with tempfile.TemporaryDirectory() as d:
            folder = pathlib.Path(d)
            (folder / "p.yaml").write_text(POLICY)
            (folder / "p.test.yaml").write_text(
                "policy: p.yaml\ndate: 2026-03-01\ncases:\n"
                "  - name: research abroad is allowed\n"
                "    query: { model: m1, country: DE, use: research }\n"
                "    expect: allow\n"
                "  - name: nothing leaves for commerce\n"
                "    each: { model: any, country: DE, use: commercial }\n"
                "    expect: deny\n"
                "  - name: wrong on purpose\n"
                "    query: { model: m1, country: DE, use: commercial }\n"
                "    expect: allow\n")
            report = clearance.run_tests(str(folder))
        self.assertEqual((report["passed"], report["failed"]), (3, 1))
        failure = report["failures"][0]
        self.assertEqual(failure["case"], "wrong on purpose")
        self.assertEqual((failure["line"], failure["expected"], failure["actual"]), (10, "allow", "deny"))
        self.assertEqual(failure["actual_decisive"], ["deny-big-abroad"])
        self.assertEqual(failure["query"], {"model": "m1", "country": "DE", "use": "commercial"})

    def test_a_bad_test_file_is_a_policy_error(self):
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "bad.test.yaml"
            path.write_text("policy: nowhere.yaml\ncases: []\n")
            with self.assertRaises(clearance.PolicyError) as caught:
                clearance.run_tests([str(path)])
            e = caught.exception
        self.assertEqual((e.file, e.line, e.col), (str(path), 1, 9))
        self.assertIn("nowhere.yaml", e.message)


LANGUAGE_1_1 = """clearance: 1
policy: py-1-1
dimensions:
  country:
    values: [US, DE, KH]
    groups:
      D:5: [{member: KH, expires: 2026-02-03}]
  nationality:
    like: country
    default: US
    groups:
      foreign: {include: [any], exclude: [US]}
rules:
  - id: deemed-export
    effect: deny
    when: nationality in foreign
  - id: embargo
    effect: deny
    when: country in D:5
default: allow
"""


class Language11Test(unittest.TestCase):
    """`like` dimensions and dated group members, through the module."""

    @classmethod
    def setUpClass(cls):
        cls.p = clearance.loads(LANGUAGE_1_1, name="p.yaml")

    def test_a_like_dimension_takes_its_default_and_shares_the_values(self):
        self.assertEqual(self.p.decide({"country": "DE"}, date="2026-01-01")["effect"], "allow")
        d = self.p.decide({"country": "US", "nationality": "DE"}, date="2026-01-01")
        self.assertEqual(d["decisive"], ["deemed-export"])
        self.assertEqual(d["query"]["nationality"], "DE")

    def test_a_dated_member_counts_on_its_dates_only(self):
        q = {"country": "KH"}
        self.assertEqual(self.p.decide(q, date="2026-02-02")["decisive"], ["embargo"])
        self.assertEqual(self.p.decide(q, date="2026-02-03")["basis"], "default")

    def test_a_bad_member_is_a_policy_error_with_its_place(self):
        with self.assertRaises(clearance.PolicyError) as caught:
            clearance.loads(LANGUAGE_1_1.replace("expires: 2026-02-03", "expire: 2026-02-03"), name="p.yaml")
        self.assertEqual((caught.exception.line, caught.exception.col), (7, 26))


if __name__ == "__main__":
    unittest.main()
