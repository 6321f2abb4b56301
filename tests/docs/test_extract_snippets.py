"""extract_snippets.py on small documentation trees: every C++ block becomes a translation unit of the
right kind, malformed markers stop the configuration, and --check fails on a snippet left uncompiled."""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import extract_snippets  # noqa: E402


def page(tmp_path, text, name="README.md"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


def test_kinds(tmp_path):
    root = page(tmp_path, "intro\n\n```cpp\nint main() {}\n```\n\n<!-- snippet: function app -->\n```c++\n"
                          "app.check();\n```\n\n<!-- snippet: global acme -->\n```cpp\nint x;\n```\n\n"
                          "<!-- snippet: program demo -->\n```cpp\nint main() { return 0; }\n```\n"
                          "```sh\nmake\n```\n")
    page(root, "```cc\nstruct S {};\n```\n", "docs/guide/more.md")
    units = extract_snippets.units(str(root))
    assert set(units) == {"README_4.cpp", "README_9.cpp", "README_14.cpp", "program_demo.cpp",
                          "docs_guide_more_2.cpp"}
    assert units["README_4.cpp"] == '#line 4 "README.md"\nint main() {}\n'
    assert units["README_9.cpp"].startswith('#include "app.hpp"\nvoid snippet_README_9([[maybe_unused]] simpleauth::App& app) {\n')
    assert units["README_9.cpp"].endswith('#line 9 "README.md"\napp.check();\n}\n')
    assert units["README_14.cpp"] == '#include "acme.hpp"\n#line 14 "README.md"\nint x;\n'
    assert units["program_demo.cpp"] == '#line 19 "README.md"\nint main() { return 0; }\n'


@pytest.mark.parametrize("text, error", [
    ("```cpp\nint x;\n", "never closed"),
    ("<!-- snippet: function nosuch -->\n```cpp\nx();\n```\n", "no prelude"),
    ("<!-- snippet: skip -->\n```cpp\nx();\n```\n", "snippet marker must be"),
    ("<!-- snippet: function app -->\n```text\nx();\n```\n", "not C++"),
    ("<!-- snippet: program a -->\n```cpp\n```\n<!-- snippet: program a -->\n```cpp\n```\n", "a second program"),
])
def test_malformed(tmp_path, text, error):
    with pytest.raises(extract_snippets.DocError, match=error):
        extract_snippets.units(str(page(tmp_path, text)))


def run_check(root, out, objects):
    return subprocess.run([sys.executable, os.path.join(HERE, "extract_snippets.py"), "--root", str(root),
                           "--check", str(out)] + [str(o) for o in objects], capture_output=True, text=True)


def test_check_fails_on_a_snippet_not_compiled(tmp_path):
    root = page(tmp_path / "src", "```cpp\nint a;\n```\n\n```cpp\nint b;\n```\n")
    out = tmp_path / "out"
    extract_snippets.write(str(root), str(out))
    obj = tmp_path / "obj"
    obj.mkdir()
    (obj / "README_2.cpp.o").write_bytes(b"")
    result = run_check(root, out, [obj / "README_2.cpp.o"])
    assert result.returncode == 1
    assert "README_6.cpp: not compiled" in result.stdout and "1 passed, 1 failed" in result.stdout
    (obj / "README_6.cpp.o").write_bytes(b"")
    assert run_check(root, out, [obj / "README_2.cpp.o", obj / "README_6.cpp.o"]).returncode == 0
    page(tmp_path / "src", "```cpp\nint a;\n```\n\n```cpp\nint c;\n```\n")  # edited since extraction
    result = run_check(root, out, [obj / "README_2.cpp.o", obj / "README_6.cpp.o"])
    assert result.returncode == 1 and "not extracted as it now reads" in result.stdout


def test_check_fails_without_snippets(tmp_path):
    root = page(tmp_path, "no code here\n")
    extract_snippets.write(str(root), str(tmp_path / "out"))
    assert run_check(root, tmp_path / "out", []).returncode == 1
