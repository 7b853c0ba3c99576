"""Tests generated from the service's own ``/openapi.json``: the published contract checked against itself.

A small generator of our own (no schemathesis): for ``POST /predict`` it draws request bodies that the published
schema accepts (the service must accept them: a documented 2xx whose body its documented schema accepts) and bodies it
refuses (the service must answer 4xx); never a 5xx. The JSON Schema subset FastAPI writes is enough:
type, properties, required, items, min/max items, minimum/maximum, anyOf, enum, const, $ref.
"""

from __future__ import annotations

import json
import random

from dlspec.grader.capstone.api import ContractError, _run
from dlspec.grader.capstone.report import Check
from dlspec.grader.capstone.service import request

EXAMPLES = 20  # of each kind, valid and invalid; seeded, so a grade is repeatable
REQUIRED = {("/health", "get"), ("/metadata", "get"), ("/predict", "post")}
NUMBER = (int, float)


def resolve(schema: dict, doc: dict) -> dict:
    while "$ref" in schema:
        *_, name = schema["$ref"].split("/")
        schema = doc["components"]["schemas"][name]
    return schema


def valid(schema: dict, value, doc: dict) -> bool:
    """Whether ``value`` matches ``schema`` (the subset above; unknown keywords accept)."""
    s = resolve(schema, doc)
    if "anyOf" in s or "oneOf" in s:
        return any(valid(x, value, doc) for x in s.get("anyOf", s.get("oneOf")))
    if "allOf" in s and not all(valid(x, value, doc) for x in s["allOf"]):
        return False
    if "enum" in s and value not in s["enum"]:
        return False
    if "const" in s and value != s["const"]:
        return False
    kind = s.get("type")
    checks = {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, NUMBER) and not isinstance(value, bool),
        "string": isinstance(value, str),
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
    }
    if kind is not None and not any(checks[k] for k in ([kind] if isinstance(kind, str) else kind)):
        return False
    if checks["number"]:
        finite = value == value and abs(value) != float("inf")
        if not finite or value < s.get("minimum", -float("inf")) or value > s.get("maximum", float("inf")):
            return False
        if "exclusiveMinimum" in s and value <= s["exclusiveMinimum"]:
            return False
        if "exclusiveMaximum" in s and value >= s["exclusiveMaximum"]:
            return False
    if checks["array"]:
        if not s.get("minItems", 0) <= len(value) <= s.get("maxItems", len(value)):
            return False
        return all(valid(s.get("items", {}), v, doc) for v in value)
    if checks["object"]:
        if any(k not in value for k in s.get("required", [])):
            return False
        props = s.get("properties", {})
        if s.get("additionalProperties") is False and set(value) - set(props):
            return False
        return all(valid(props[k], v, doc) for k, v in value.items() if k in props)
    return True


def draw(schema: dict, doc: dict, rng: random.Random):
    """A value ``schema`` accepts; arrays kept short where the schema allows, so a request stays small."""
    s = resolve(schema, doc)
    if "anyOf" in s or "oneOf" in s:
        return draw(rng.choice(s.get("anyOf", s.get("oneOf"))), doc, rng)
    if "enum" in s:
        return rng.choice(s["enum"])
    if "const" in s:
        return s["const"]
    kind = s.get("type", "object" if "properties" in s else "string")
    kind = rng.choice(kind) if isinstance(kind, list) else kind
    if kind in ("number", "integer"):
        low = s.get("minimum", s.get("exclusiveMinimum", -1e3))
        high = s.get("maximum", s.get("exclusiveMaximum", 1e3))
        value = rng.choice([low, high, rng.uniform(low, high)])
        return int(value) if kind == "integer" else float(value)
    if kind == "array":
        low = s.get("minItems", 0)
        size = rng.randint(low, min(s.get("maxItems", low + 3), low + 3))
        return [draw(s.get("items", {}), doc, rng) for _ in range(size)]
    if kind == "object":
        props = s.get("properties", {})
        keep = [k for k in props if k in s.get("required", []) or rng.random() < 0.5]
        return {k: draw(props[k], doc, rng) for k in keep}
    return {"null": None, "boolean": rng.random() < 0.5, "string": "x" * rng.randint(0, 5)}.get(kind, None)


def spoil(value, rng: random.Random):
    """A changed copy of ``value``: one element of the wrong type or out of any range, an item removed or added."""
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        return {**value, key: spoil(value[key], rng)}
    if isinstance(value, list) and value:
        i = rng.randrange(len(value))
        choice = rng.random()
        if choice < 0.25:
            return value[:i] + value[i + 1 :]
        if choice < 0.4:
            return [*value, value[i]]
        return [*value[:i], spoil(value[i], rng), *value[i + 1 :]]
    # not true or false: JSON Schema says a boolean is no number, pydantic reads one as 0 or 1 (lax mode)
    return rng.choice(["text", -1e9, 1e9, None, [1.0], {"a": 1}])


def check_openapi(port: int) -> Check:
    def body():
        reply = request(port, "GET", "/openapi.json")
        if reply.status != 200:
            raise ContractError(
                f"GET /openapi.json answered {reply.status}", "FastAPI publishes it unless openapi_url=None"
            )
        doc = reply.json()
        found = {(path, method) for path, ops in doc.get("paths", {}).items() for method in ops}
        missing = REQUIRED - found
        if missing:
            raise ContractError(
                f"/openapi.json does not document {sorted(missing)}",
                "declare each route with its decorator (@app.get, @app.post), not by hand",
            )
        op = doc["paths"]["/predict"]["post"]
        try:
            schema = op["requestBody"]["content"]["application/json"]["schema"]
        except KeyError:
            raise ContractError(
                "POST /predict documents no JSON request body",
                "take a pydantic model as the argument: def predict(request: PredictRequest)",
            ) from None
        responses = op.get("responses", {})
        rng = random.Random(18)
        positive, negative = 0, 0
        for _ in range(EXAMPLES * 10):  # bounded: enough draws to find EXAMPLES of each kind
            if positive >= EXAMPLES and negative >= EXAMPLES:
                break
            value = draw(schema, doc, rng)
            wanted_valid = positive < EXAMPLES and (negative >= EXAMPLES or rng.random() < 0.5)
            if not wanted_valid:
                value = spoil(value, rng)
                if valid(schema, value, doc):
                    continue
            sent = json.dumps(value)
            got = request(port, "POST", "/predict", sent.encode())
            shown = sent if len(sent) < 120 else sent[:117] + "..."
            if got.status >= 500:
                raise ContractError(
                    f"POST /predict with {shown} answered {got.status}",
                    "a request your schema accepts made the code fail: validate everything the code assumes",
                )
            if wanted_valid:
                positive += 1
                if 400 <= got.status < 500:  # what schemathesis calls "schema-valid request rejected"
                    raise ContractError(
                        f"POST /predict with {shown}, which the published schema accepts, answered {got.status}",
                        "the schema promises more than the code keeps: put every rule in the models (two models "
                        "with extra='forbid' say 'exactly one field'; a model_validator does not show in the schema)",
                    )
                documented = responses.get(str(got.status))
                if documented is None:
                    raise ContractError(
                        f"POST /predict with {shown} answered {got.status}, which /openapi.json does not "
                        f"document ({sorted(responses)})",
                        "declare the responses your route gives",
                    )
                answer_schema = documented.get("content", {}).get("application/json", {}).get("schema")
                if answer_schema and not valid(answer_schema, got.json(), doc):
                    raise ContractError(
                        f"POST /predict's {got.status} answer to {shown} does not match its own documented schema",
                        "declare the return type (-> Prediction) and return exactly that",
                    )
            else:
                negative += 1
                if not 400 <= got.status < 500:
                    raise ContractError(
                        f"POST /predict with {shown}, which the published schema refuses, answered {got.status}",
                        "the schema and the code must agree: put every rule in the model",
                    )
        return f"{positive} generated valid and {negative} invalid requests from /openapi.json", {
            "generated_valid": positive,
            "generated_invalid": negative,
        }

    return _run("openapi", body)
