"""The one polarity rule (docs/generate.md): negations in four languages never invert a request;
a loosening the user's words ask for is applied with a note; a contradiction keeps the secure side."""

from __future__ import annotations

import pytest

from autodeploy.compiler import compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write


def attrs(text: str) -> dict[tuple[str, str], object]:
    spec = translate(text)
    result = compile_source(write(spec), "t.adl")
    assert result.ok, result.render()
    assert result.ir is not None
    return {(r.kind, a): v for r in result.ir.resources for a, v in r.attrs.items()}


NEGATED = [
    # (request, kind, attr, value)
    ("une base de données MySQL non publique", "database", "public", False),
    ("des bases de données non publiques", "database", "public", False),
    ("a database that is not public", "database", "public", False),
    ("a bucket with no public access", "bucket", "public", False),
    ("una base de datos no pública", "database", "public", False),
    ("un bucket sin acceso público", "bucket", "public", False),
    ("eine nicht öffentliche Datenbank", "database", "public", False),
    ("eine Datenbank, nicht öffentlich", "database", "public", False),
    ("keine öffentliche Datenbank, nur intern", "database", "public", False),
    ("an S3 bucket with versioning disabled", "bucket", "versioning", False),
    ("an S3 bucket without versioning", "bucket", "versioning", False),
    ("an S3 bucket, versioning off", "bucket", "versioning", False),
    ("un bucket S3 sans versionnage", "bucket", "versioning", False),
    ("un bucket S3 avec versionnage désactivé", "bucket", "versioning", False),
    ("un bucket S3 con versionado deshabilitado", "bucket", "versioning", False),
    ("un bucket S3 sin versionado", "bucket", "versioning", False),
    ("ein S3-Bucket ohne Versionierung", "bucket", "versioning", False),
    ("ein S3-Bucket, Versionierung deaktiviert", "bucket", "versioning", False),
    ("an S3 bucket with versioning", "bucket", "versioning", True),
    ("a Postgres database without TLS", "database", "tls", False),
    ("an unencrypted bucket", "bucket", "encryption", False),
    ("un bucket sin cifrar", "bucket", "encryption", False),
    ("ein unverschlüsselter Bucket", "bucket", "encryption", False),
    ("un bucket non chiffré", "bucket", "encryption", False),
    ("an encrypted bucket", "bucket", "encryption", True),
    ("a public bucket", "bucket", "public", True),
    ("un bucket public", "bucket", "public", True),
]


@pytest.mark.parametrize(("text", "kind", "attr", "value"), NEGATED, ids=[c[0] for c in NEGATED])
def test_negation_never_inverts(text: str, kind: str, attr: str, value: object) -> None:
    assert attrs(text)[(kind, attr)] is value


def test_a_loosening_the_user_asks_for_is_applied_with_a_note() -> None:
    spec = translate("an S3 bucket with versioning disabled")
    assert spec.resources[0].attrs["versioning"] is False
    assert any("versioning = false as the request asks" in n for n in spec.notes)


def test_a_contradiction_keeps_the_secure_reading_and_says_so() -> None:
    spec = translate("a private bucket for logs; the bucket must be public")
    [bucket] = spec.of_kind("bucket")
    assert bucket.attrs["public"] is False
    assert any("secure reading" in n for n in spec.notes)


def test_backup_days_stay_on_the_database_across_et() -> None:
    got = attrs("une base de données avec des sauvegardes de 14 jours et un bucket")
    assert got[("database", "backup")] == 14
    assert got.get(("bucket", "retention")) is None
