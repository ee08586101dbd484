"""A setting refused by a predicate after it (nl/rejection.py): "X is out of the question" turns X
off, and a refused negation ("no TLS is not an option") keeps the secure side — never inverted."""

from __future__ import annotations

import pytest
from test_nl_polarity import attrs

REFUSED = [
    # (request, kind, attr, value the request means)
    ("an S3 bucket for invoices; skipping encryption is not an option", "bucket", "encryption", True),
    ("a storage bucket, but without encryption? that is not acceptable", "bucket", "encryption", True),
    ("a Postgres database: turning off TLS is a no-go", "database", "tls", True),
    ("our MySQL database, public access is out of the question", "database", "public", False),
    ("an S3 bucket — public is forbidden here", "bucket", "public", False),
    ("un bucket S3 pour les factures, sans chiffrement c’est exclu", "bucket", "encryption", True),
    ("une base PostgreSQL ; l'accès public est hors de question", "database", "public", False),
    ("une base MySQL, publique : pas question", "database", "public", False),
    ("un bucket de S3, sin cifrado ni pensarlo", "bucket", "encryption", True),
    ("una base de datos Postgres; que sea pública queda descartado", "database", "public", False),
    ("una base de datos MySQL pública es inaceptable", "database", "public", False),
    ("ein Bucket für Rechnungen, ohne Verschlüsselung kommt nicht infrage", "bucket", "encryption", True),
    ("eine MySQL-Datenbank; öffentlicher Zugriff ist ausgeschlossen", "database", "public", False),
    ("eine Postgres-Datenbank, ohne TLS geht überhaupt nicht", "database", "tls", True),
    ("ein S3-Bucket, öffentlich ist tabu", "bucket", "public", False),
    # asked about and answered no
    ("A Postgres database. Public endpoint? No.", "database", "public", False),
    ("Un bucket S3. ¿Acceso público? Nada.", "bucket", "public", False),
    ("Ein S3-Bucket. Ohne Verschlüsselung? Niemals.", "bucket", "encryption", True),
]


@pytest.mark.parametrize(("text", "kind", "attr", "value"), REFUSED)
def test_a_refused_setting_is_never_inverted(text: str, kind: str, attr: str, value: object) -> None:
    got = attrs(text)
    assert got[(kind, attr)] == value, (text, got)


ASKED = [
    # a refusal elsewhere in the request does not reach a setting in another clause
    ("a public bucket for the website; a database too, and downtime is not an option", "bucket", "public", True),
    ("un bucket S3 public pour le site, et une base de données : la perte de données est exclue", "bucket",
     "public", True),
    ("ein öffentlicher Bucket für die Website und eine Datenbank, Datenverlust ist ausgeschlossen", "bucket",
     "public", True),
]


@pytest.mark.parametrize(("text", "kind", "attr", "value"), ASKED)
def test_a_refusal_reaches_only_its_own_clause(text: str, kind: str, attr: str, value: object) -> None:
    assert attrs(text)[(kind, attr)] == value
