"""Sample data with ground truth: CRM customers and social-media accounts of the same people.

``load_sample()`` reads the sample shipped with the package (400 people in Poland, Germany,
Hungary, Indonesia and Great Britain); ``generate_people(n, seed)`` makes tables of any size;
``sample_paths()`` gives the sample's CSV files for tools that read files.

>>> from sameas.datasets import load_sample
>>> tables = load_sample(); len(tables["crm"]) > 0
True
>>> sorted(tables)
['crm', 'social', 'truth']
"""

from ._generator import generate_people, load_sample, sample_paths

__all__ = ["generate_people", "load_sample", "sample_paths"]
