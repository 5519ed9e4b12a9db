"""ctest python.mypy: `mypy --strict` on examples/python against the shipped
stubs. Exits 77 (ctest: skipped) with a message when mypy is not installed;
mypy is optional (Debian: apt-get install mypy)."""
import os
import subprocess
import sys

try:
    import mypy  # noqa: F401
except ImportError:
    print("SKIPPED: mypy is not installed (Debian: apt-get install mypy); the stubs were not checked")
    sys.exit(77)

package, *files = sys.argv[1:]
env = dict(os.environ, MYPYPATH=package)
result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null", *files], env=env)
sys.exit(result.returncode)
