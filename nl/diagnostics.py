"""ADL05xx: natural-language generation and the LLM provider (registered in the shared catalogue)."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E = Severity.ERROR

register(
    Template("ADL0502", E, "nothing to generate", "the request names no resource", "{hint}"),
    Template("ADL0503", E, "generated file does not compile", "{problem}", "{hint}"),
    Template(
        "ADL0504",
        E,
        "lock violated",
        "this edit breaks a locked requirement: {locks}",
        "locks come from the original request; edit the assert line by hand if the requirement changed",
    ),
    Template("ADL0505", E, "refused edit", "{problem}", None),
    Template("ADL0506", E, "output exists", "{path} exists", "pass --force to overwrite it"),
    Template("ADL0510", E, "LLM not configured", "{problem}", "{hint}"),
    Template(
        "ADL0511",
        E,
        "LLM timeout",
        "the model at {url} did not answer within {timeout} s",
        "raise the timeout in the config file, or use --provider offline",
    ),
    Template(
        "ADL0512",
        E,
        "LLM unreachable",
        "cannot reach the model at {url}: {reason}",
        "check the base URL and that the server is running",
    ),
    Template(
        "ADL0513",
        E,
        "LLM rate limited",
        "the model at {url} kept answering 429 (rate limited) after {tries} tries",
        "wait and retry, or lower the request rate",
    ),
    Template(
        "ADL0514",
        E,
        "LLM server error",
        "the model at {url} answered HTTP {status} after {tries} tries",
        "{hint}",
    ),
    Template(
        "ADL0515",
        E,
        "malformed LLM answer",
        "the model's answer is not a chat completion: {reason}",
        "check that the server speaks the OpenAI chat-completions API",
    ),
    Template(
        "ADL0516", E, "empty LLM answer", "the model returned no ADL text", "try again, or another model"
    ),
    Template(
        "ADL0517", E, "LLM request rejected", "the model at {url} answered HTTP {status}: {reason}", "{hint}"
    ),
    Template(
        "ADL0520",
        E,
        "repairs exhausted",
        "no answer compiled clean after {rounds} repair round(s); best attempt has {errors} error(s)",
        "see {diag_path}; the attempt is in {rejected_path}",
    ),
    Template(
        "ADL0521",
        E,
        "unrequested exposure",
        "`{name}` is public, which the request did not ask for",
        "keep `public = false` unless the request says public",
    ),
    Template(
        "ADL0523",
        E,
        "import in a model answer",
        "a generated file must be self-contained: `import` is not accepted from a model",
        "inline the resources instead of importing files",
    ),
    Template(
        "ADL0522",
        E,
        "over budget",
        "estimated cost {cost} usd/month is above the budget of {budget} usd/month",
        "choose smaller instances or fewer replicas",
    ),
    # ---- issue 14: compile => emit, and one polarity rule (docs/generate.md) ----
    Template("ADL0700", E, "generated file does not emit", "{problem}", "{hint}"),
    Template("ADL0701", E, "unrequested loosening",
             "`{name}`: `{attr} = {value}` loosens a secure default, which the request did not ask for",
             "keep the secure default; only the user's own words can loosen it"),
    Template("ADL0702", E, "waiver from a model",
             "the answer waives {rule} on `{target}`; a model can never add a waiver",
             "fix the finding instead; a waiver is the user's decision, written by hand"),
    Template("ADL0703", E, "gate failed", "{path} was written but fails the gate: {why}",
             "fix the findings above (or state the insecure setting explicitly and waive it by hand)"),
)
