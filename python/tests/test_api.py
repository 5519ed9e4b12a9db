"""The typed Python API of issue #15: objects, calls, errors, pickling.

Run by ctest as python.test_api (PYTHONPATH at build/python,
CLEARANCE_SOURCE_DIR at the repository, CLEARANCE_CLI at the built CLI).
"""
import datetime
import json
import os
import pathlib
import pickle
import subprocess
import tempfile
import threading
import unittest

import clearance

SOURCE = pathlib.Path(os.environ.get("CLEARANCE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BASE = SOURCE / "rules" / "frontier-2026" / "base.yaml"
ALLIES = BASE.with_name("allies-defensive.yaml")

POLICY = """clearance: 1
policy: py-api
dimensions:
  model:
    values: [m1, m2]
    groups:
      big: [m1]
  country:
    values: [US, DE]
  use:
    values: [research, commercial]
    default: research
rules:
  - id: allow-us
    effect: allow
    when: country == US
  - id: deny-big-abroad
    effect: deny
    when: model in big and country != US
    because: big models stay home
    cite: Rule 1
    outcome: licence
    obligations: [ask counsel]
  - id: allow-research
    effect: allow
    when: use == research
    overrides: [deny-big-abroad]
    effective: 2026-01-01
"""
Q = {"model": "m1", "country": "DE", "use": "research"}


def loads():
    return clearance.loads(POLICY, name="p.yaml")


def check_raises(test, cases):
    """Each (call, exception type, message): the call raises exactly that."""
    for call, kind, message in cases:
        with test.subTest(message=message):
            with test.assertRaises(kind) as caught:
                call()
            test.assertIs(type(caught.exception), kind)
            test.assertEqual(str(caught.exception), message)


class LoadTest(unittest.TestCase):
    def test_load_takes_a_pathlike(self):
        self.assertEqual(clearance.load(BASE).digest, clearance.load(str(BASE)).digest)
        self.assertEqual(clearance.load(BASE, root=SOURCE / "rules").name, "frontier-2026")

    def test_wrong_types_are_type_errors(self):
        cases = [
            (lambda: clearance.load(3), "path must be a str or os.PathLike, not int"),
            (lambda: clearance.load(BASE, root=3), "root must be a str or os.PathLike, not int"),
            (lambda: clearance.loads(b"x"), "text must be a str, not bytes"),
            (lambda: clearance.loads("x", name=None), "name must be a str, not NoneType"),
        ]
        check_raises(self, [(call, TypeError, message) for call, message in cases])

    def test_a_missing_file_is_a_policy_error(self):
        with self.assertRaises(clearance.PolicyError) as caught:
            clearance.load(pathlib.Path("/nonexistent/p.yaml"))
        self.assertEqual(caught.exception.message, "cannot read '/nonexistent/p.yaml': no such file")
        self.assertEqual(caught.exception.code, "io")

    def test_equal_and_hashed_by_digest(self):
        a, b = clearance.load(BASE), clearance.load(str(BASE))
        self.assertIsNot(a, b)
        self.assertEqual(a, b)
        self.assertEqual(len({a, b}), 1)
        self.assertNotEqual(a, clearance.load(ALLIES))
        self.assertNotEqual(a, "x")

    def test_repr_names_policy_digest_and_root(self):
        self.assertRegex(repr(loads()), r"^<clearance.Policy 'py-api' sha256:[0-9a-f]{12}\.\.\. from 'p.yaml'>$")

    def test_pickle_reloads_from_the_texts_not_the_paths(self):
        with tempfile.TemporaryDirectory() as d:
            folder = pathlib.Path(d)
            (folder / "common").mkdir()
            (folder / "common" / "uses.yaml").write_text("clearance: 1\ndimensions:\n  use:\n    values: [research, commercial]\n")
            (folder / "p.yaml").write_text(POLICY.replace("  use:\n    values: [research, commercial]\n    default: research\n", "")
                                           .replace("policy: py-api\n", "policy: py-api\ninclude: [common/uses.yaml]\n"))
            p = clearance.load(folder / "p.yaml")
            data = pickle.dumps(p)
        # The files are gone: the unpickled policy needs none of them.
        q = pickle.loads(data)
        self.assertEqual(q, p)
        self.assertEqual(q.files, p.files)
        self.assertEqual(len(q.files), 2)
        self.assertEqual(q.decide(Q, date="2026-03-01").to_json(), p.decide(Q, date="2026-03-01").to_json())

    def test_compiled_snapshots_save_load_and_pickle(self):
        p = clearance.load(BASE)
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "base.clearance"
            info = p.save_compiled(path)
            self.assertEqual(info["digest"], p.digest)
            self.assertEqual(info["bytes"], path.stat().st_size)
            self.assertFalse(info["signed"])
            self.assertEqual([name for name, _ in info["sources"]], list(p.files))
            q = clearance.load_compiled(path)
            self.assertEqual(q, p)
            self.assertEqual(q.rules.keys(), p.rules.keys())
            query = {"model": "fable-5", "country": "DE", "use": "research", "date": "2026-07-01"}
            self.assertEqual(q.decide(query, explain=True).to_json(), p.decide(query, explain=True).to_json())
            p.save_compiled(str(path), key="k")
            self.assertEqual(clearance.load_compiled(path, key="k"), p)
            with self.assertRaises(clearance.PolicyError) as caught:
                clearance.load_compiled(path)
            self.assertIn("give the key", caught.exception.message)
            signed = clearance.load_compiled(path, key="k")
            self.assertEqual(clearance.Engine(path, key="k").policy, p)
            p.save_compiled(path)
            self.assertEqual(clearance.Engine(path).reload(), p)
            path.write_bytes(path.read_bytes()[:100])
            with self.assertRaises(clearance.PolicyError) as caught:
                clearance.load_compiled(path, key="k")
            self.assertIn("truncated snapshot", caught.exception.message)
        # Pickled as an unsigned snapshot: no file and no key needed to unpickle.
        r = pickle.loads(pickle.dumps(signed))
        self.assertEqual(r, p)
        self.assertEqual(r.decide(query).to_json(), p.decide(query).to_json())
        with self.assertRaises(TypeError):
            clearance.load_compiled(3)

    def test_dimensions_and_rules(self):
        p = loads()
        model = p.dimensions["model"]
        self.assertEqual(model.names, ("m1", "m2"))
        self.assertEqual([v.name for v in model.values], ["m1", "m2"])
        self.assertEqual((model.groups[0].name, model.groups[0].members), ("big", ("m1",)))
        self.assertEqual(p.dimensions["use"].default, "research")
        self.assertIsNone(model.default)
        self.assertEqual(list(p.rules), ["allow-us", "deny-big-abroad", "allow-research"])
        r = p.rules["allow-research"]
        self.assertEqual((r.effect, r.when, r.overrides, r.effective, r.expires), ("allow", "use == research", ("deny-big-abroad",), "2026-01-01", None))
        self.assertEqual(p.rules["deny-big-abroad"].source, "p.yaml:17")


class DecideTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = loads()

    def test_typed_attributes(self):
        d = self.p.decide(Q, date="2026-03-01")
        self.assertIsInstance(d, clearance.Decision)
        self.assertEqual((d.effect, d.allowed, d.basis, d.decisive), ("allow", True, "rule", ("allow-research",)))
        self.assertEqual((d.outcomes, d.obligations), ((), ()))
        self.assertEqual(d.query, {"model": "m1", "country": "DE", "use": "research", "date": "2026-03-01"})
        self.assertEqual(d.policy_digest, self.p.digest)
        self.assertEqual(d.policy_name, "py-api")
        self.assertIsNone(d.id)
        t = d.trace[0]
        self.assertIsInstance(t, clearance.TraceEntry)
        self.assertEqual((t.rule, t.effect, t.status, t.source, t.because, t.cite), ("deny-big-abroad", "deny", "overridden", "p.yaml:17", "big models stay home", "Rule 1"))
        self.assertEqual((t.overridden_by, t.detail, t.why), (("allow-research",), "", ("model in big", "country != US")))
        self.assertEqual(self.p.decide(Q, date="2025-12-01").obligations, ("ask counsel",))

    def test_keywords_and_defaults(self):
        d = self.p.decide(model="m1", country="DE", date=datetime.date(2026, 3, 1))
        self.assertEqual(d.query["use"], "research")
        self.assertEqual(d.effect, "allow")
        self.assertEqual(self.p.decide({"model": "m2"}, country="US").decisive, ("allow-us", "allow-research"))

    def test_explain_lists_every_rule(self):
        d = self.p.decide(Q, date="2026-03-01", explain=True)
        self.assertEqual([(t.rule, t.status) for t in d.trace],
                         [("allow-us", "not-matched"), ("deny-big-abroad", "overridden"), ("allow-research", "decisive")])
        self.assertEqual(d.trace[0].detail, "country == US")

    def test_frozen(self):
        d = self.p.decide(Q)
        with self.assertRaises(AttributeError):
            d.effect = "allow"
        with self.assertRaises(AttributeError):
            d.extra = 1

    def test_to_json_is_the_cli_decision_json(self):
        d = self.p.decide(dict(Q, id="t-1"), date="2026-03-01")
        self.assertEqual(json.loads(d.to_json()), d.to_dict())
        self.assertEqual(list(d.to_dict()), ["id", "query", "effect", "basis", "decisive", "outcomes", "obligations", "trace", "policy"])
        self.assertEqual(d["id"], "t-1")
        self.assertEqual(d.id, "t-1")
        self.assertEqual(d.get("nothing", 5), 5)
        self.assertIn("trace", d)
        self.assertEqual(len(d), 9)
        self.assertEqual(dict(d.items()), d.to_dict())
        d.to_dict()["effect"] = "changed"
        self.assertEqual(d["effect"], "allow")

    @unittest.skipUnless(os.environ.get("CLEARANCE_CLI"), "CLEARANCE_CLI is not set")
    def test_to_json_is_byte_identical_to_clearance_batch(self):
        lines = [{"id": 1, "model": "fable-5", "country": "DE", "use": "threat-response", "date": "2027-01-15"},
                 {"model": "fable-5", "country": "US", "use": "research", "date": "2026-12-15"},
                 {"id": {"k": [1, "é"]}, "model": "fable-5", "country": "IR", "use": "research", "date": "2026-12-15"}]
        text = "".join(json.dumps(line) + "\n" for line in lines)
        p = clearance.load(BASE)
        for trace in ("matching", "all"):
            out = subprocess.run([os.environ["CLEARANCE_CLI"], "batch", str(BASE), "--trace", trace], check=True,
                                 capture_output=True, input=text.encode()).stdout.decode()
            ours = [d.to_json() for d in p.decide_many(lines, trace=trace)]
            self.assertEqual("".join(o + "\n" for o in ours), out)

    def test_query_errors_carry_dimension_value_and_suggestions(self):
        cases = [
            ({"model": "m3", "country": "DE"}, "unknown value 'm3' of dimension 'model' (did you mean 'm1' or 'm2'?)", "model", "m3", ("m1", "m2")),
            ({"modle": "m1", "country": "DE"}, "unknown dimension 'modle' (did you mean 'model'?)", "modle", None, ("model",)),
            ({"model": "big", "country": "DE"}, "'big' is a group of dimension 'model'; a query names a value", "model", "big", ()),
            ({"model": "m1"}, "missing a value for dimension 'country'", "country", None, ()),
            ({"model": 1, "country": "DE"}, "the value of 'model' must be a string, not int", "model", 1, ()),
            ({"model": "m1", "country": "DE", "date": "2026-02-30"}, "bad date '2026-02-30' (expected a calendar date YYYY-MM-DD)", None, "2026-02-30", ()),
        ]
        for query, message, dimension, value, suggestions in cases:
            with self.subTest(query=query):
                with self.assertRaises(clearance.QueryError) as caught:
                    self.p.decide(query)
                e = caught.exception
                self.assertEqual((str(e), e.message, e.dimension, e.value, e.suggestions), (message, message, dimension, value, suggestions))
        with self.assertRaises(clearance.QueryError) as caught:
            self.p.decide({"model": "m1", "country": "DE"}, model="m1")
        self.assertEqual(caught.exception.message, "dimension 'model' is given twice")

    def test_bad_arguments(self):
        cases = [
            (lambda: self.p.decide([("model", "m1")]), TypeError, "a query must be a mapping of dimension names to values, not list"),
            (lambda: self.p.decide({1: "m1"}), TypeError, "query keys must be str (dimension names, 'date' or 'id'), not int"),
            (lambda: self.p.decide(Q, date=20260101), TypeError, "date must be None, a 'YYYY-MM-DD' string or a datetime.date, not int"),
            (lambda: self.p.decide(Q, date="tomorrow"), clearance.QueryError, "bad date 'tomorrow' (expected a calendar date YYYY-MM-DD)"),
            (lambda: self.p.decide(dict(Q, id=object())), TypeError, "Object of type object is not JSON serializable"),
        ]
        check_raises(self, cases)

    def test_a_mapping_that_is_not_a_dict(self):
        import types
        self.assertEqual(self.p.decide(types.MappingProxyType(Q), date="2026-03-01").effect, "allow")


class DecideManyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = loads()
        cls.queries = [{"model": m, "country": c, "use": u} for m in ("m1", "m2") for c in ("US", "DE") for u in ("research", "commercial")]

    def test_mappings_give_decisions_like_decide(self):
        for trace in ("none", "matching", "all"):
            many = self.p.decide_many(self.queries * 100, date="2026-03-01", trace=trace, threads=3)
            self.assertEqual(len(many), 800)
            self.assertEqual([d.effect for d in many[:8]], [self.p.decide(q, date="2026-03-01").effect for q in self.queries])
        self.assertNotIn("trace", self.p.decide_many(self.queries, trace="none")[0])
        self.assertEqual(len(self.p.decide_many(self.queries, date="2026-03-01", trace="all")[0].trace), 3)

    def test_columns_give_effects_and_decisive(self):
        rows = [(q["model"], q["country"], q["use"]) for q in self.queries]
        expected = [self.p.decide(q, date="2026-03-01") for q in self.queries]
        by_tuples = self.p.decide_many(rows, columns=["model", "country", "use"], date="2026-03-01")
        self.assertIsInstance(by_tuples, clearance.DecisionColumns)
        self.assertEqual(by_tuples.effects, [d.effect for d in expected])
        self.assertEqual(by_tuples.decisive, [d.decisive for d in expected])
        by_dict = self.p.decide_many({"model": [r[0] for r in rows], "country": [r[1] for r in rows]}, date="2026-03-01", threads=2)
        self.assertEqual(by_dict.allowed, [self.p.decide(model=r[0], country=r[1], date="2026-03-01").allowed for r in rows])
        dated = self.p.decide_many({"model": ["m1", "m1"], "country": ["DE", "DE"], "date": ["2025-01-01", "2026-03-01"]})
        self.assertEqual(dated.effects, ["deny", "allow"])

    def test_numpy_and_pandas_columns(self):
        try:
            import numpy
        except ImportError:
            self.skipTest("NumPy is not installed (optional)")
        arrays = {"model": numpy.array(["m1", "m2"]), "country": numpy.array(["DE", "US"])}
        self.assertEqual(self.p.decide_many(arrays, date="2025-06-01").effects, ["deny", "allow"])
        try:
            import pandas
        except ImportError:
            self.skipTest("pandas is not installed (optional)")
        frame = pandas.DataFrame({"model": ["m1", "m2"], "country": ["DE", "US"]})
        self.assertEqual(self.p.decide_many(frame, date="2025-06-01").effects, ["deny", "allow"])

    def test_bad_input(self):
        cases = [
            (lambda: self.p.decide_many([Q, {"model": "x", "country": "DE"}]), clearance.QueryError, "queries[1]: unknown value 'x' of dimension 'model'"),
            (lambda: self.p.decide_many(5), TypeError, "queries must be an iterable of mappings, not int"),
            (lambda: self.p.decide_many([Q], trace="some"), ValueError, "trace must be 'none', 'matching' or 'all', not 'some'"),
            (lambda: self.p.decide_many([("m1", "XX")], columns=["model", "country"]), clearance.QueryError, "row 0: unknown value 'XX' of dimension 'country'"),
            (lambda: self.p.decide_many([("m1",)], columns=["model", "country"]), ValueError, "a row has 1 values for 2 columns"),
            (lambda: self.p.decide_many({"model": ["m1"], "country": ["DE", "US"]}), ValueError, "column 'country' has 2 values, the first column 1"),
            (lambda: self.p.decide_many({"model": ["m1"]}), clearance.QueryError, "missing a value for dimension 'country'"),
            (lambda: self.p.decide_many({"model": ["m1"], "country": ["DE"]}, trace="all"), ValueError, "columnar input gives effects and decisive rules only: use trace='none'"),
            (lambda: self.p.decide_many([Q], threads=-1), ValueError, "threads must be an int >= 0"),
        ]
        check_raises(self, cases)

    def test_threads_share_a_policy(self):
        results = {}

        def work(n):
            results[n] = self.p.decide_many({"model": ["m1"] * 20000, "country": ["DE"] * 20000}, date="2026-03-01", threads=2).effects

        threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([results[n] for n in range(3)], [["allow"] * 20000] * 3)


class AnalysisTest(unittest.TestCase):
    def test_diff_regions(self):
        old, new = clearance.load(BASE), clearance.load(ALLIES)
        d = clearance.diff(old, new, date="2027-01-15")
        self.assertIsInstance(d, clearance.DiffResult)
        self.assertEqual((d.old_digest, d.new_digest, d.date), (old.digest, new.digest, "2027-01-15"))
        self.assertEqual(sum(r.count for r in d.regions), d.changed)
        r = d.regions[0]
        self.assertIsInstance(r, clearance.DiffRegion)
        self.assertEqual((r.old_effect, r.new_effect, r.old_decisive, r.new_decisive), ("deny", "allow", ("bis-letter-2026-06-12",), ("allied-defensive-release",)))
        q = {dim: values[0] for dim, values in r.values.items()}
        self.assertFalse(old.decide(q, date="2027-01-15").allowed)
        self.assertTrue(new.decide(q, date="2027-01-15").allowed)
        self.assertEqual(d["changed"], d.changed)

    def test_diff_on_every_date_finds_when_the_change_takes_effect(self):
        old, new = clearance.load(BASE), clearance.load(ALLIES)
        d = clearance.diff(old, new, all_dates=True)
        self.assertIsNone(d.date)
        self.assertGreater(d.intervals, 1)
        self.assertTrue(d.regions)
        self.assertTrue(all(r.dates is not None and set(r.dates) == {"from", "to"} for r in d.regions))
        self.assertEqual(min(r.dates["from"] for r in d.regions), "2026-07-01")  # the what-if's effective date
        self.assertIsNone(clearance.diff(old, new, date="2027-01-15").regions[0].dates)

    def test_diff_by_outcome_and_decisive_see_at_least_what_effect_sees(self):
        old, new = clearance.load(BASE), clearance.load(ALLIES)
        counts = {by: clearance.diff(old, new, date="2027-01-15", by=by).changed for by in ("effect", "outcome", "decisive")}
        self.assertLessEqual(counts["effect"], counts["outcome"])
        self.assertLessEqual(counts["outcome"], counts["decisive"])
        self.assertEqual(clearance.diff(old, new, date="2027-01-15")["by"], "effect")

    def test_diff_bad_arguments(self):
        old = clearance.load(BASE)
        cases = [
            (lambda: clearance.diff(old, 3), TypeError, "diff compares two clearance.Policy objects, not Policy and int"),
            (lambda: clearance.diff(old, old, by="rules"), ValueError, "by must be 'effect', 'outcome' or 'decisive', not 'rules'"),
            (lambda: clearance.diff(old, old, date="2027-02-30"), clearance.QueryError, "bad date '2027-02-30' (expected a calendar date YYYY-MM-DD)"),
        ]
        check_raises(self, cases)

    def test_matrix(self):
        p = loads()
        m = p.matrix("model", "country", where={"use": "commercial"}, date="2026-03-01")
        self.assertEqual((m.rows, m.cols, m.row_labels, m.col_labels), ("model", "country", ("m1", "m2"), ("US", "DE")))
        self.assertEqual(m.cells, (("allow", "deny"), ("allow", "deny")))
        self.assertEqual(m.fixed, {"use": "commercial"})
        folded = p.matrix("model", "country", where={"use": "commercial"}, fold_rows="lossless")
        self.assertEqual(folded.cells[0], ("allow", "deny"))
        with self.assertRaises(clearance.QueryError):
            p.matrix("model", "size")
        with self.assertRaises(ValueError):
            p.matrix("model", "country", fold_rows="some")
        with self.assertRaises(TypeError):
            p.matrix("model", "country", where={"use": 1})

    def test_lint_gives_typed_diagnostics(self):
        p = clearance.loads(POLICY.replace("      big: [m1]\n", "      big: [m1]\n      spare: [m2]\n"), name="p.yaml")
        report = p.lint(date="2027-01-01")
        unused = [d for d in report if d.code == "unused"]
        self.assertIsInstance(unused[0], clearance.Diagnostic)
        self.assertEqual((unused[0].file, unused[0].line, unused[0].col, unused[0].severity, unused[0].group), ("p.yaml", 8, 7, "warning", "spare"))
        self.assertEqual(report["diagnostics"][0], report.diagnostics[0].to_dict())
        self.assertEqual(report.errors, ())

    def test_lint_file_and_run_tests_bad_input(self):
        with self.assertRaises(clearance.PolicyError) as caught:
            clearance.lint_file("/nonexistent/p.yaml")
        self.assertEqual(caught.exception.message, "cannot read '/nonexistent/p.yaml': no such file")
        with self.assertRaises(TypeError) as caught:
            clearance.run_tests(5)
        self.assertEqual(str(caught.exception), "paths must be a path or an iterable of paths, not int")
        with self.assertRaises(clearance.PolicyError):
            clearance.run_tests([pathlib.Path("/nonexistent/x.test.yaml")])

    def test_run_tests_report(self):
        report = clearance.run_tests(SOURCE / "rules" / "frontier-2026" / "base.test.yaml")
        self.assertIsInstance(report, clearance.TestReport)
        self.assertTrue(report.ok)
        self.assertGreater(report.passed, 0)
        self.assertEqual(report.failures, ())


class EngineTest(unittest.TestCase):
    def test_reload_swaps_and_decisions_name_their_digest(self):
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d) / "p.yaml"
            path.write_text(POLICY)
            engine = clearance.Engine(path)
            first = engine.policy
            before = engine.decide(Q, date="2026-03-01")
            self.assertEqual(before.policy_digest, first.digest)
            path.write_text(POLICY.replace("effective: 2026-01-01", "effective: 2027-01-01"))
            self.assertEqual(engine.reload(), engine.policy)
            self.assertEqual(engine.generation, 2)
            after = engine.decide(Q, date="2026-03-01")
            self.assertNotEqual(after.policy_digest, before.policy_digest)
            self.assertEqual((before.effect, after.effect), ("allow", "deny"))
            path.write_text("clearance: 1\npolicy: x\nrules: 3\n")
            with self.assertRaises(clearance.PolicyError):
                engine.reload()
            self.assertEqual(engine.policy.digest, after.policy_digest)
            self.assertEqual(first.decide(Q, date="2026-03-01").effect, "allow")  # a snapshot stays

    def test_a_missing_file(self):
        with self.assertRaises(clearance.PolicyError):
            clearance.Engine("/nonexistent/p.yaml")


if __name__ == "__main__":
    unittest.main()
