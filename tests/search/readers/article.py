"""One news article, saved the ways people save articles: the paragraphs every version holds."""

from __future__ import annotations

TITLE = "Ferry fire forces evacuation of Port Elsby harbour"
OUTLET = "The Coastal Herald"
SUBHEAD = "Sailings suspended"
PARAGRAPHS = [
    "More than four hundred passengers were evacuated from the Port Elsby ferry terminal on Thursday after "
    "a fire broke out in the engine room of the MV Northern Star as it prepared to sail.",
    "The harbour master, Tomas Reyes, said the blaze was brought under control within ninety minutes and "
    "that no one was seriously hurt. Three crew members were treated for smoke inhalation at St Brendan's "
    "hospital.",
    "Witnesses on the quay described thick black smoke rising from the stern while crew members guided "
    "families with children down the gangway and away from the berth. Fire engines from three stations "
    "reached the terminal within twelve minutes of the first call.",
    "All sailings to the outer islands were suspended until Saturday while investigators from the Marine "
    "Accident Board examined the vessel. The operator, Islandlink, said passengers booked on cancelled "
    "crossings would be refunded in full.",
    "\u201cWe are grateful to the crew and the fire service for their quick response,\u201d the company said "
    "in a statement, adding that the ferry had passed a full safety inspection in January.",
    "The Northern Star, built in 1998, carries up to six hundred passengers and ninety cars on the route "
    "between Port Elsby and the islands of Gullhaven and Skerry. It is the oldest of the four vessels in "
    "the Islandlink fleet and was due to be replaced in 2026.",
    "Local councillor Ana Lindqvist called for a review of the harbour's emergency plans, saying the "
    "terminal had only two exits for the crowds of passengers waiting to board.",
    "Island businesses warned that a long suspension would hurt the start of the tourist season. The "
    "Gullhaven chamber of commerce said hotels had already taken calls from visitors asking whether the "
    "Easter crossings would run.",
    "The Marine Accident Board said its inspectors would publish a preliminary report within six weeks "
    "and that the cause of the fire was not yet known.",
]
# The subheading stands before this paragraph (0-based).
SUBHEAD_BEFORE = 3
PUBLISHED = "14 March 2024"


def article_text(markdown: bool = False) -> str:
    """The article as a person would copy it into a text file: headline, byline, text, and the closing
    "Published in <outlet>, <date>" line.
    """
    head = f"# {TITLE}" if markdown else TITLE
    sub = f"## {SUBHEAD}" if markdown else SUBHEAD
    body = [sub + "\n\n" + p if i == SUBHEAD_BEFORE else p for i, p in enumerate(PARAGRAPHS)]
    return f"{head}\n\nBy Maria Okafor\n\n" + "\n\n".join(body) + f"\n\nPublished in {OUTLET}, {PUBLISHED}\n"
