#!/usr/bin/env python3
"""Fails if a type of a forbidden crate appears in the public API of a crate.

Reads the rustdoc JSON of the crate (cargo +nightly rustdoc ... --output-format json), walks
every public item and every impl of the crate itself, and resolves each type path they mention
to its crate. Usage: public-api-check.py RUSTDOC_JSON FORBIDDEN_CRATE...
"""
import json
import sys


def resolved_ids(node, found):
    """Collects the ids of every path (types, traits) mentioned under `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("resolved_path", "trait") and isinstance(value, dict) and "id" in value:
                found.add(value["id"])
            resolved_ids(value, found)
    elif isinstance(node, list):
        for value in node:
            resolved_ids(value, found)


def main():
    doc = json.load(open(sys.argv[1]))
    forbidden = set(sys.argv[2:])
    crates = {int(k): v["name"] for k, v in doc["external_crates"].items()}
    paths = doc["paths"]
    offenders = []
    for item in doc["index"].values():
        if item.get("crate_id") != 0:
            continue
        is_impl = "impl" in item.get("inner", {})
        if item.get("visibility") != "public" and not is_impl:
            continue
        ids = set()
        resolved_ids(item.get("inner"), ids)
        for ident in ids:
            entry = paths.get(str(ident))
            if entry is None:
                continue
            crate = crates.get(entry["crate_id"])
            if crate in forbidden:
                where = item.get("name") or "impl"
                span = item.get("span") or {}
                offenders.append(f"{span.get('filename', '?')}:{(span.get('begin') or ['?'])[0]}: "
                                 f"{where} mentions {'::'.join(entry['path'])}")
    if offenders:
        print("public API exposes forbidden crates:", file=sys.stderr)
        for line in sorted(set(offenders)):
            print("  " + line, file=sys.stderr)
        sys.exit(1)
    print(f"ok: no type of {', '.join(sorted(forbidden))} in the public API")


if __name__ == "__main__":
    main()
