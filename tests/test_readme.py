"""The README's Python example runs as written against the project's model."""
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_starts_with_the_two_commands():
    text = README.read_text()
    assert "make run" in text[:2500] and "make test" in text[:2500]


def test_readme_python_example_runs():
    block = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["model"].predict(["Selamat Hari Guru!"]) == ["ucapan"]
    assert namespace["proba"].shape == (1, 3)
    assert namespace["results"][0]["label"] in ("kinerja", "layanan", "ucapan")
