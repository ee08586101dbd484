"""Two detection classes (issue 14, resource precision), in the lead's own words:
- "we already have X and Y": every member of the list joined by "and" is had, with a definite or an
  indefinite article, in four languages — nothing of it is created;
- a word followed by a preposition is a noun, not a verb: "just Kinesis into S3" asks for a stream, while
  "we just queue the jobs" still reads "queue" as a verb."""

from __future__ import annotations

import pytest

from autodeploy.nl.offline import translate


def kinds(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in translate(text).resources:
        if r.from_text:
            out[r.kind] = out.get(r.kind, 0) + 1
    return out


@pytest.mark.parametrize(("text", "want"), [
    ("We already have a bucket and an RDS instance; just add an SQS queue.", {"queue": 1}),
    ("Ya tenemos un bucket y una Lambda; falta una cola SQS.", {"queue": 1}),
    ("On a déjà un bucket S3 et une base Postgres, il manque une file SQS.", {"queue": 1}),
    ("Wir haben schon einen S3-Bucket und eine Lambda; es fehlt nur noch eine SQS-Queue.", {"queue": 1}),
    # what follows the list of had things is asked for again
    ("We already have a bucket. Add a Lambda and a queue.", {"function": 1, "queue": 1}),
    ("We already have a bucket and need a Lambda.", {"function": 1}),
])
def test_every_member_of_a_had_list_is_had(text: str, want: dict[str, int]) -> None:
    assert kinds(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("just Kinesis into S3", {"stream": 1, "bucket": 1}),
    ("we only want Redis for sessions", {"cache": 1}),
    # kind words that are verbs stay verbs
    ("We cache everything in process, so only a MySQL database is needed.", {"database": 1}),
    ("We just queue the jobs in memory; one Postgres database please.", {"database": 1}),
])
def test_a_word_before_a_preposition_is_no_verb(text: str, want: dict[str, int]) -> None:
    assert kinds(text) == want
