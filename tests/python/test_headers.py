"""sameas/sameas.h, the one include for C++ users, includes every public header."""

import os
import re
from pathlib import Path

SOURCE = Path(os.environ.get("SAMEAS_SOURCE_DIR", Path(__file__).resolve().parents[2]))


def test_umbrella_header_includes_every_public_header():
    include = SOURCE / "include"
    public = {
        str(p.relative_to(include))
        for p in include.glob("sameas/*/*.h")
        if p.parent.name != "internal"
    }
    umbrella = (include / "sameas" / "sameas.h").read_text()
    included = set(re.findall(r'#include "(sameas/[^"]+)"', umbrella))
    assert public - included == set(), "missing from sameas.h"
    assert included - public == set(), "sameas.h names headers that do not exist"
