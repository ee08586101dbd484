"""Strings a cloud will refuse: refused at compile time, so a file that compiles clean also applies.

Without these rules a NUL in a tag, a 300-character tag value, a handler without a function or an
image reference with upper-case letters compiled, passed the gate, emitted, and failed at apply.
The limits are the clouds' own, cited where they are defined:

- AWS tags: key 1-128 Unicode characters, value 0-256, neither may start with `aws:` in any case
  (reserved for AWS), at most 50 per resource. "Tag restrictions", AWS Batch user guide
  (docs.aws.amazon.com/batch/latest/userguide/tag-restrictions.html) and the SDKs' `Tag` shapes.
  The allowed character set differs per service ("generally allowed ... other services may have
  restrictions"), so only what every service refuses is refused here: control characters.
- Azure tags: name at most 512 characters without `<`, `>`, `%`, `&`, `\\`, `?`, `/`, value at most
  256, at most 50 per resource ("Use tags to organize your Azure resources", section Limitations,
  learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations).
- Google Cloud labels: key 1-63 characters starting with a letter, value 0-63, lowercase letters,
  digits, `_` and `-`, at most 64 per resource ("Labels requirements", cloud.google.com/compute/docs/
  labeling-resources). The GCP emitter maps a tag to that alphabet (`label_text`): the mapping is
  lossless only while a key or value fits 63 characters and no two keys map to the same label.
- Lambda handler: at most 128 characters, no whitespace (CreateFunction `Handler`); for the
  interpreted runtimes `file.function` with an optional folder path ("Lambda function handler in
  Python", docs.aws.amazon.com/lambda/latest/dg/python-handler.html#naming; Node.js and Ruby alike),
  `package.Class::method` for Java ("Define Lambda function handler in Java", java-handler.html),
  `Assembly::Namespace.Class::Method` or an executable assembly's name for .NET (csharp-handler.html).
  A function whose file states no handler gets its runtime family's (`default_handler`).
- Image references: the OCI distribution grammar (github.com/distribution/reference, reference.go):
  `[domain/]path[:tag][@digest]`, path components lowercase `[a-z0-9]+` joined by `.`, `_`, `__` or
  dashes, tag `[\\w][\\w.-]{0,127}`, digest `algorithm:hex{32,}`, the name at most 255 characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .catalogue import diag
from .diagnostics import Diagnostic, Span, shown
from .ir import IR, IRDeployment, IRResource

# ---- the tag vocabulary every backend writes (backends/tags.py re-exports it) ----------------------
TAG_DEPLOYMENT = "autodeploy:deployment"
TAG_RESOURCE = "autodeploy:resource"
TAG_ENVIRONMENT = "environment"
TAG_OWNER = "owner"
TAG_DATA = "data_classification"
# AWS only: the console shows the `Name` tag as a resource's display name (Azure resources have names)
TAG_NAME = "Name"


def deployment_tags(d: IRDeployment) -> dict[str, str]:
    tags = {str(k): str(v) for k, v in sorted(d.tags.items())}
    if d.owner:
        tags[TAG_OWNER] = d.owner
    tags[TAG_ENVIRONMENT] = d.environment
    tags[TAG_DEPLOYMENT] = d.name
    return tags


def resource_tags(r: IRResource) -> dict[str, str]:
    tags = {str(k): str(v) for k, v in sorted((r.get("tags") or {}).items())}
    if r.data:
        tags[TAG_DATA] = str(r.data)
    tags[TAG_RESOURCE] = r.name
    return tags


_LABEL_BAD = re.compile(r"[^a-z0-9_-]+")
LABEL_MAX = 63


def label_text(text: str, key: bool = False) -> str:
    """A GCP label key or value: lowercase letters, digits, `_` and `-`, at most 63 characters (a key
    starts with a letter)."""
    out = _LABEL_BAD.sub("_", text.lower())[:LABEL_MAX]
    if key and not out[:1].isalpha():
        out = ("k" + out)[:LABEL_MAX]
    return out


# ---- control characters -----------------------------------------------------------------------
# A tab or a newline is text (a secret, an environment value, a waiver's reason may hold one); every
# other control character (NUL, ESC, DEL, the C1 block) is refused by the clouds' APIs or silently
# cut short by their C-string handling, wherever the string goes.
_TEXT_CONTROLS = frozenset("\t\n")


def control_char(text: str) -> tuple[int, str] | None:
    """(0-based index, name) of the first control character other than a tab or a newline."""
    for i, ch in enumerate(text):
        if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc":
            return i, f"U+{ord(ch):04X}"
    return None


def control_diag(text: str, span: Span | None, what: str) -> Diagnostic | None:
    found = control_char(text)
    if found is None:
        return None
    index, name = found
    return diag("ADL0970", span, what=what, char=name, index=index + 1)


# ---- tags -----------------------------------------------------------------------------------------
TAG_LIMITS = {"aws": 50, "azure": 50, "gcp": 64}  # tags (labels) per resource
_AZURE_TAG_NAME_BAD = frozenset("<>%&\\?/")


def tag_problems(cloud: str, key: str, value: str) -> Iterator[tuple[str, str]]:
    """(`key` | `value`, the rule broken) for one tag the cloud would refuse."""
    if key == "":
        yield "key", "a tag key cannot be empty"
    if cloud == "aws":
        if len(key) > 128:
            yield "key", f"an AWS tag key is at most 128 characters, this one has {len(key)}"
        if len(value) > 256:
            yield "value", f"an AWS tag value is at most 256 characters, this one has {len(value)}"
        for part, text in (("key", key), ("value", value)):
            if text[:4].lower() == "aws:":
                yield part, "the `aws:` prefix is reserved for AWS's own tags, in any letter case"
            if "\t" in text or "\n" in text:
                # AWS's tag pattern allows letters, digits, separators (Unicode Z: spaces) and `_.:/=+-@`
                yield part, "an AWS tag holds no tab or newline"
    elif cloud == "azure":
        if len(key) > 512:
            yield "key", f"an Azure tag name is at most 512 characters, this one has {len(key)}"
        if len(value) > 256:
            yield "value", f"an Azure tag value is at most 256 characters, this one has {len(value)}"
        bad = sorted({ch for ch in key if ch in _AZURE_TAG_NAME_BAD})
        if bad:
            chars = " ".join(f"`{ch}`" for ch in bad)
            yield "key", f"an Azure tag name cannot contain {chars} (none of `< > % & \\ ? /`)"
    elif cloud == "gcp":
        for part, text in (("key", key), ("value", value)):
            if len(text) > LABEL_MAX:
                yield part, (f"a Google Cloud label {part} is at most {LABEL_MAX} characters, this one has "
                             f"{len(text)} (the label would be cut short)")


def tag_diags(cloud: str, key: str, value: str, key_span: Span | None, value_span: Span | None,
              attr: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for part, rule in tag_problems(cloud, key, value):
        text, span = (key, key_span) if part == "key" else (value, value_span)
        out.append(diag("ADL0971", span, part=part, text=shown(text), attr=attr, cloud=cloud, rule=rule))
    return out


def check_tag_sets(ir: IR) -> list[Diagnostic]:
    """Per resource, the tags every backend writes (the deployment's, the resource's, the reserved ones):
    within the cloud's count, and on Google Cloud no two keys folding into one label."""
    d = ir.deployment
    cloud, out = d.cloud, []
    limit = TAG_LIMITS.get(cloud)
    dep_tags = deployment_tags(d)
    for r in ir.resources:
        tags = {**dep_tags, **resource_tags(r)}
        if cloud == "aws":
            tags.setdefault(TAG_NAME, r.name)
        if limit is not None and len(tags) > limit:
            out.append(diag("ADL0972", r.span_of("tags"), kind=r.kind, name=r.name, count=len(tags), cloud=cloud,
                            limit=limit))
        if cloud == "gcp":
            out += _label_collisions(r, tags)
    return out


def _label_collisions(r: IRResource, tags: dict[str, str]) -> list[Diagnostic]:
    seen: dict[str, str] = {}
    out = []
    for key in sorted(tags):
        label = label_text(key, key=True)
        if label in seen:
            out.append(diag("ADL0973", r.span_of("tags"), first=shown(seen[label]), second=shown(key), label=label,
                            kind=r.kind, name=r.name))
        else:
            seen[label] = key
    return out


# ---- function handlers -------------------------------------------------------------------------------
_IDENT = r"[A-Za-z_$][A-Za-z0-9_$]*"
# `file.function`, the file may sit in folders (`src/app.handler`) and the function may be nested
# (`index.api.handler` in Node.js); no absolute path, no `..` folder
_FILE_FUNCTION = re.compile(rf"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.{_IDENT})+")
_JAVA = re.compile(rf"{_IDENT}(?:\.{_IDENT})*(?:::{_IDENT})?")
# the class-library model `Assembly::Namespace.Class::Method`, or the executable-assembly model whose
# handler is the assembly's name ("Define Lambda function handler in C#", docs.aws.amazon.com/lambda/
# latest/dg/csharp-handler.html: class library handlers, executable assembly handlers)
_DOTNET = re.compile(rf"{_IDENT}(?:\.{_IDENT})*::{_IDENT}(?:\.{_IDENT})*::{_IDENT}"
                     r"|[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*")


@dataclass(frozen=True)
class HandlerForm:
    """How a runtime family (the runtime names starting with `prefix`) writes its handler, and the
    handler a function of it gets when the file states none: `main.handler` means a file and a
    function, which a Java or .NET runtime reads as a class it cannot find."""

    prefix: str
    pattern: re.Pattern[str]
    form: str
    default: str


_HANDLER_FORMS: tuple[HandlerForm, ...] = (
    # AWS's Java examples: package `example`, class `Handler`, RequestHandler's `handleRequest`
    HandlerForm("java", _JAVA, '`package.Class::method`, for example "com.example.Handler::handleRequest"',
                "example.Handler::handleRequest"),
    # what `dotnet new lambda.EmptyFunction --name App` writes: class `Function`, method `FunctionHandler`
    HandlerForm("dotnet", _DOTNET, '`Assembly::Namespace.Class::Method`, for example "App::App.Function::Handle", '
                'or an executable assembly\'s name', "App::App.Function::FunctionHandler"),
    HandlerForm("provided", re.compile(r"\S+"), "any word (a custom runtime reads it itself)", "main.handler"),
    HandlerForm("", _FILE_FUNCTION, '`file.function`, for example "main.handler" or "src/app.handler"',
                "main.handler"),
)
HANDLER_MAX = 128


def _form(runtime: str) -> HandlerForm:
    return next(f for f in _HANDLER_FORMS if runtime.startswith(f.prefix))


def default_handler(runtime: str) -> str:
    """The handler of a function of `runtime` whose file states none (docs/language.md, Handlers)."""
    return _form(runtime).default


def handler_diag(runtime: str, handler: str, span: Span | None) -> Diagnostic | None:
    rule = handler_problem(runtime, handler)
    return None if rule is None else diag("ADL0974", span, text=shown(handler), runtime=runtime, rule=rule)


def handler_problem(runtime: str, handler: str) -> str | None:
    """The form a handler for `runtime` must have, when `handler` does not have it."""
    form = _form(runtime)
    if len(handler) > HANDLER_MAX:
        return f"a handler is at most {HANDLER_MAX} characters, this one has {len(handler)}"
    if ".." in handler.split("/") or not form.pattern.fullmatch(handler):
        return f"a {runtime} handler is written {form.form}"
    return None


def entry_point(runtime: str, handler: str) -> str:
    """The handler as a Cloud Functions entry point: the fully qualified class for Java, Namespace.Class
    for a .NET class library, the function for the others (gcloud functions deploy --entry-point)."""
    if runtime.startswith("java"):
        return handler.split("::", 1)[0]
    if runtime.startswith("dotnet"):
        parts = handler.split("::")
        return parts[1] if len(parts) == 3 else handler
    return handler.rsplit(".", 1)[-1]


# ---- container image references --------------------------------------------------------------------
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_NAME = re.compile(rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*")
_REFERENCE = re.compile(rf"(?P<name>{_NAME.pattern})(?::{_TAG})?(?:@{_DIGEST})?", re.ASCII)
NAME_MAX = 255


def image_problem(ref: str) -> str | None:
    """Why `ref` is not an image reference a registry accepts, else None."""
    if len(ref) > 2 * NAME_MAX + 300:  # name + tag + a sha512 digest at most: no regex over a megabyte
        return f"an image reference is at most a {NAME_MAX}-character name, a tag and a digest"
    m = _REFERENCE.fullmatch(ref)
    if m is None:
        if ref != ref.strip():
            return "it has leading or trailing spaces"
        if _REFERENCE.fullmatch(ref.lower()):
            return "a repository path is lowercase"
        return ("a reference is `[registry/]repository[:tag][@sha256:digest]`: lowercase path components of "
                "letters and digits joined by `.`, `_`, `__` or `-`, a tag of at most 128 letters, digits, "
                "`_`, `.` and `-`")
    # the first component is a registry only when it looks like a host: it holds a `.` or a `:` (a
    # port) or is `localhost` (distribution/reference, splitDockerDomain); else it is a path component
    first, _, rest = m.group("name").partition("/")
    if rest and not ("." in first or ":" in first or first == "localhost") and first != first.lower():
        return "a repository path is lowercase"
    if len(m.group("name")) > NAME_MAX:
        return f"an image name is at most {NAME_MAX} characters, this one has {len(m.group('name'))}"
    return None
