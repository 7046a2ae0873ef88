#!/usr/bin/env python3
"""Every public endpoint method of midtrans-client has a doc example.

An endpoint method is a `pub fn` or `pub async fn` in crates/midtrans-client/src/api/ whose
doc comment is directly above it. It has an example when that doc comment holds a fenced code
block. Prints the count of endpoint methods and of those with examples; exits 1 naming each
method without one.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
api = root / "crates/midtrans-client/src/api"
signature = re.compile(r"^\s*pub (?:async )?fn (\w+)")
methods, missing = 0, []
for path in sorted(api.glob("*.rs")):
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines):
        match = signature.match(line)
        if not match:
            continue
        methods += 1
        doc = []
        above = number - 1
        while above >= 0 and (
            lines[above].strip().startswith("///") or lines[above].strip().startswith("#[")
        ):
            doc.append(lines[above])
            above -= 1
        if not any("```" in d for d in doc):
            missing.append(f"{path.relative_to(root)}:{number + 1} {match.group(1)}")
print(f"endpoint methods: {methods}, with a doc example: {methods - len(missing)}")
if missing:
    print("without a doc example:", *missing, sep="\n  ")
    sys.exit(1)
