"""sameas: which records describe the same person.

Links pseudonymous social accounts to CRM customer records, deduplicates both, and says why.
The work happens in C++ (``sameas._core``); this package takes pandas or Arrow tables in and
gives pandas tables out.

>>> import sameas
>>> tables = sameas.datasets.load_sample()
>>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
>>> clusters = linker.cluster()
>>> sorted(clusters.columns)
['cluster_id', 'record_id', 'source']
"""

from . import clustering, datasets, evaluation, labels, names, phonetic, profiles, similarity
from ._tables import read_table, read_tables, write_csv
from .linker import LINK_TYPES, Linker, infer_settings, set_threads, threads

__version__ = "0.1.0"


def __getattr__(name: str):
    # sameas.charts and sameas.report import matplotlib: loaded on first use, not with sameas.
    if name in ("charts", "report"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'sameas' has no attribute {name!r}")

__all__ = ["Linker", "infer_settings", "read_table", "read_tables", "write_csv", "set_threads", "threads", "datasets", "similarity", "phonetic", "names", "LINK_TYPES"]
