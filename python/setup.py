"""Builds the native extension clearance._clearance with the repository's
CMake build (python/CMakeLists.txt), then packages it with clearance/*.py.

    pip install --no-build-isolation ./python

CMAKE_ARGS (environment) adds configure arguments; CMAKE_BUILD_PARALLEL_LEVEL
sets the build's jobs.
"""
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent


class CMakeBuild(build_ext):
    """Configures the repository with only the library and the module."""

    def build_extension(self, ext):
        build = pathlib.Path(self.build_temp).resolve() / "cmake"
        build.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake", "-S", str(SOURCE), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
            "-DCLEARANCE_BUILD_TESTS=OFF", "-DCLEARANCE_BUILD_BENCH=OFF", "-DCLEARANCE_BUILD_EXAMPLES=OFF",
            "-DCLEARANCE_INSTALL=OFF", "-DCLEARANCE_BUILD_PYTHON=ON", f"-DPython3_EXECUTABLE={sys.executable}",
        ] + shlex.split(os.environ.get("CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "clearance_python"], check=True)
        built = next((build / "python" / "clearance").glob("_clearance*" + sysconfig.get_config_var("EXT_SUFFIX")))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(ext_modules=[Extension("clearance._clearance", sources=[])], cmdclass={"build_ext": CMakeBuild})
