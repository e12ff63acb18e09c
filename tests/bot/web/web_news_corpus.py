"""The extraction pages' corpus: two outlets on one flood, with people, figures that differ, dated events
(one whose year is unknown) and markup in the quotes, the outlet and the event text."""

from __future__ import annotations

from pathlib import Path

HOSTILE_QUOTE = "<img src=x onerror='alert(1)'> is not a plan"
HOSTILE_EVENT = "<script>alert('timeline')</script>"
HOSTILE_OUTLET = "Daily <b>Wire</b>"

_VALLEY = f"""Flood Relief Reaches Riverton

Mayor Anna Kowalski said the river rose two metres overnight in the town of Riverton.

"We have never seen water like this," Kowalski said on Tuesday.

At least 42 people died in the floods, the regional civil protection agency said.

On May 3, 2024, the dam above Riverton overflowed and flooded the lower town.

Rescue teams from the Red Cross arrived in Riverton on May 5, 2024, with boats and food.

"{HOSTILE_QUOTE}," Kowalski said of the evacuation order.
"""

_WIRE = f"""Riverton Counts Its Dead

At least 57 people died in the floods, the Red Cross said on Thursday.

Mayor Anna Kowalski said the town would rebuild the dam before winter.

On May 4, 2024, {HOSTILE_EVENT} volunteers cleared the main road into Riverton.

The old dam was first opened on October 12, long before anyone in the town kept records.
"""

MANIFEST = f'''
[[source]]
file = "valley.txt"
outlet = "Valley Post"
published = 2024-05-10

[[source]]
file = "wire.txt"
outlet = "{HOSTILE_OUTLET}"
'''


def write_news(folder: Path) -> Path:
    """The two articles and their sources.toml in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "valley.txt").write_text(_VALLEY, encoding="utf-8")
    (folder / "wire.txt").write_text(_WIRE, encoding="utf-8")
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    return folder
