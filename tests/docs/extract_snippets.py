#!/usr/bin/env python3
"""Every C++ snippet of the documentation, as a translation unit the build compiles.

The documentation is README.md and docs/*.md. A fenced block whose language is C++ (cpp, c++, cc, cxx,
hpp) is a snippet. Its kind is given by an HTML comment on the line just before the fence (invisible
once rendered):

    (no comment)                      a complete file, compiled as it is
    <!-- snippet: function PRELUDE --> statements, compiled as the body of
                                      `void snippet(simpleauth::App& app)` after tests/docs/preludes/PRELUDE.hpp
    <!-- snippet: global PRELUDE -->  declarations, compiled at namespace scope after the prelude
    <!-- snippet: program NAME -->    a complete program, compiled as it is into DIR/program_NAME.cpp and
                                      linked into the executable doc_NAME (tests run it)

There is no way to skip a snippet: pseudo-code goes in a `text` block.

usage:
    extract_snippets.py --root SOURCE_DIR --out DIR
        writes DIR/<page>_<line>.cpp for every snippet (only files whose text changed, so that the build
        recompiles only those) and removes stale ones; used by CMake at configure time.
    extract_snippets.py --root SOURCE_DIR --check DIR OBJECT...
        the ctest docs_snippets: fails unless every snippet of the documentation as it is now has its
        translation unit in DIR, with the same text, compiled into one of the OBJECT files.
"""

import argparse
import glob
import os
import re
import sys

CPP_LANGUAGES = {"cpp", "c++", "cc", "cxx", "hpp"}
FENCE = re.compile(r"^(```+|~~~+)\s*([^\s`]*)")
MARKER = re.compile(r"^<!--\s*snippet:\s*(\S+)(?:\s+(\S+))?\s*-->\s*$")
KINDS = {"function", "global", "program"}


class DocError(Exception):
    pass


def doc_pages(root):
    pages = [os.path.join(root, "README.md")]
    pages += sorted(glob.glob(os.path.join(root, "docs", "**", "*.md"), recursive=True))
    return [p for p in pages if os.path.exists(p)]


def snippets(root, page):
    """(line of the first code line, kind, prelude, code) of each C++ block of page."""
    rel = os.path.relpath(page, root)
    lines = open(page, encoding="utf-8").read().split("\n")
    found = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, language = m.group(1), m.group(2).lower()
        end = i + 1
        while end < len(lines) and not lines[end].startswith(fence[0] * len(fence)):
            end += 1
        if end == len(lines):
            raise DocError(f"{rel}:{i + 1}: code block never closed")
        if language in CPP_LANGUAGES:
            kind, prelude = "file", None
            marker = MARKER.match(lines[i - 1]) if i > 0 else None
            if marker:
                kind, prelude = marker.group(1), marker.group(2)
                if kind not in KINDS or prelude is None:
                    raise DocError(f"{rel}:{i}: snippet marker must be 'function PRELUDE', 'global PRELUDE' or "
                                   "'program NAME'")
            found.append((i + 2, kind, prelude, "\n".join(lines[i + 1:end]) + "\n"))
        elif i > 0 and MARKER.match(lines[i - 1]):
            raise DocError(f"{rel}:{i}: snippet marker before a block that is not C++ ({language or 'no language'})")
        i = end + 1
    return found


def unit_name(root, page, line, kind="file", name=None):
    if kind == "program":
        return f"program_{name}.cpp"
    rel = os.path.relpath(page, root)
    return re.sub(r"[^A-Za-z0-9]+", "_", rel[:-3]) + f"_{line}.cpp"


def unit_text(root, page, line, kind, prelude, code):
    rel = os.path.relpath(page, root)
    origin = f'#line {line} "{rel}"\n'  # errors point into the documentation
    if kind in ("file", "program"):
        return origin + code
    preludes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "preludes")
    if not os.path.exists(os.path.join(preludes, prelude + ".hpp")):
        raise DocError(f"{rel}:{line - 1}: no prelude tests/docs/preludes/{prelude}.hpp")
    head = f'#include "{prelude}.hpp"\n'
    if kind == "global":
        return head + origin + code
    name = "snippet_" + unit_name(root, page, line)[:-4]
    return head + f"void {name}([[maybe_unused]] simpleauth::App& app) {{\n" + origin + code + "}\n"


def units(root):
    out = {}
    for page in doc_pages(root):
        for line, kind, prelude, code in snippets(root, page):
            name = unit_name(root, page, line, kind, prelude)
            if name in out:
                raise DocError(f"{os.path.relpath(page, root)}:{line - 1}: a second program named {prelude}")
            out[name] = unit_text(root, page, line, kind, prelude, code)
    return out


def write(root, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    wanted = units(root)
    for name, text in wanted.items():
        path = os.path.join(out_dir, name)
        if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    for stale in set(os.listdir(out_dir)) - set(wanted):
        if stale.endswith(".cpp"):
            os.unlink(os.path.join(out_dir, stale))
    print(f"extract_snippets: {len(wanted)} C++ snippets from {len(doc_pages(root))} pages")


def check(root, out_dir, objects):
    wanted = units(root)
    built = {os.path.basename(o): o for o in objects if os.path.exists(o)}  # README_45.cpp.o: its path
    failed = 0
    for name, text in sorted(wanted.items()):
        path = os.path.join(out_dir, name)
        problem = None
        if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
            problem = "not extracted as it now reads (re-run cmake)"
        elif name + ".o" not in built:
            problem = "not compiled by the doc_snippets target (build it)"
        elif os.path.getmtime(built[name + ".o"]) < os.path.getmtime(path):
            problem = "compiled before its last change (build it)"
        if problem:
            failed += 1
            print(f"docs_snippets: {name}: {problem}")
    print(f"docs_snippets: {len(wanted) - failed} passed, {failed} failed")
    return 1 if failed or not wanted else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--out")
    parser.add_argument("--check")
    parser.add_argument("objects", nargs="*")
    args = parser.parse_args()
    try:
        if args.out:
            write(args.root, args.out)
            return 0
        if args.check:
            return check(args.root, args.check, args.objects)
    except DocError as e:
        print("extract_snippets:", e, file=sys.stderr)
        return 1
    parser.error("--out or --check")
    return 2


if __name__ == "__main__":
    sys.exit(main())
