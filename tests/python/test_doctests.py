"""The examples in the docstrings run and say what they show."""

import doctest

import pytest

import sameas
import sameas._tables
import sameas.charts
import sameas.evaluation
import sameas.explain
import sameas.labels
import sameas.report
import sameas.linker


@pytest.mark.parametrize("module", [sameas, sameas._tables, sameas.linker, sameas.evaluation,
                                    sameas.explain, sameas.labels, sameas.charts,
                                    sameas.report],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
