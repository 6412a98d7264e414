"""Prints, as JSON, the container arguments every KubernetesPodOperator of an Airflow DAG file gets.

Airflow is not installed where the checks run (PyPI is out of reach), so the DAG file is executed
against stand-ins: every module it imports from airflow, pendulum and kubernetes is a stub whose
names are callables accepting anything, and KubernetesPodOperator records its task_id and
arguments. The reference app's test parses each list with the app's own option parser, so a flag
renamed in the app and not in the DAG fails the build.

    python3 infra/tools/dag_arguments.py infra/airflow/dags/sluice_daily.py
    [{"task_id": "curated_aggregates", "arguments": ["--role", "batch", ...]}, ...]
"""
import importlib.abc
import importlib.machinery
import json
import runpy
import sys
import types

STUBBED = ("airflow", "pendulum", "kubernetes")
RECORDED = []


class Anything:
    """Stands in for any class, function or value a DAG file uses."""

    def __init__(self, *args, **kwargs):
        self.kwargs = kwargs

    def __call__(self, *args, **kwargs):
        return Anything(*args, **kwargs)

    def __getattr__(self, name):
        return Anything()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __rshift__(self, other):
        return other

    def __rrshift__(self, other):
        return self


class KubernetesPodOperator(Anything):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RECORDED.append({"task_id": kwargs.get("task_id"), "arguments": list(kwargs.get("arguments") or [])})


class StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name == "KubernetesPodOperator":
            return KubernetesPodOperator
        if name.startswith("__"):
            raise AttributeError(name)
        return Anything()


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in STUBBED:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


if __name__ == "__main__":
    sys.meta_path.insert(0, StubFinder())
    runpy.run_path(sys.argv[1], run_name="dag")
    print(json.dumps(RECORDED))
