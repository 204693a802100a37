"""PySpark's worker daemon, run from the installed PySpark when the workers' path offers its zip copy.

Spark puts `<SPARK_HOME>/python/lib/pyspark.zip` (and py4j's zip) first on the Python workers' path so that
executors without PySpark can run Python. Modules imported from a zip are compiled at every start (about
0.5 s of CPU for PySpark's worker modules). When the zips are the ones inside the installed PySpark package
itself (a pip-installed PySpark in local mode), the installed, byte-compiled copy is the same code: this
module drops the zips from the path and starts the ordinary daemon (`spark.python.daemon.module`).
"""
import os
import sys


def _installed_pyspark_dir(paths):
    for entry in paths:
        candidate = os.path.join(entry or ".", "pyspark", "daemon.py")
        if os.path.isfile(candidate):
            return os.path.realpath(os.path.dirname(candidate))
    return None


def _prefer_installed_pyspark():
    zips = [p for p in sys.path if p.endswith(".zip") and os.sep + os.path.join("python", "lib") + os.sep in p]
    if not zips:
        return
    rest = [p for p in sys.path if p not in zips]
    installed = _installed_pyspark_dir(rest)
    if installed and all(os.path.realpath(z).startswith(installed + os.sep) for z in zips):
        sys.path[:] = rest


if __name__ == "__main__":
    _prefer_installed_pyspark()
    from pyspark.daemon import manager

    manager()
