"""``make new`` takes any headline an editor can type, and runs none of it.

The title and section are passed to make as typed (no shell of ours reads
them); each must give exactly one draft whose ``Title:`` is the title, and no
other file, in the temporary folder or in the project.
"""

import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from unique_urls.slugs import MAX_SLUG_LENGTH

MAKE_NEW = ("make", "-s", "-C", str(ROOT), "new")
TITLES = {
    "double-quotes": 'Phong trào "Dân vận khéo" ở Lạc Sơn',
    "backticks": "Bật mí `touch bi-chen` bí quyết",
    "dollar-parenthesis": "Giá $$(touch bi-chen) và $(touch bi-chen) tăng",
    "closing-quotes": '"; touch bi-chen; echo "',
    "single-quotes": "'; touch bi-chen; echo ' — lời kể",
    "make-variables": "Lương ${HOME} và $(MAKE) $@ $<",
    "odd-characters": r"Giảm 50% học phí #1 \ hộ nghèo; ai được hưởng?",
    "vietnamese": "Ngày 27/2: Đẩy mạnh phong trào thi đua “Dân vận khéo”",
    "very-long": " ".join(["Đường về Đà Nẵng mùa lũ"] * 100),
}


def _files(folder: Path) -> set[str]:
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if ".git" not in path.parts and "__pycache__" not in path.parts
    }


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_make_new_writes_the_title_as_typed_and_runs_nothing(tmp_path, title):
    content = tmp_path / "content"
    project_before = _files(ROOT)
    result = subprocess.run(
        [*MAKE_NEW, f"INPUTDIR={content}", f"TITLE={title}", "CATEGORY=Xã hội"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [written] = [path for path in content.rglob("*") if path.is_file()]
    assert result.stdout.strip() == str(written)
    relative = written.relative_to(tmp_path)
    folders = {str(folder) for folder in relative.parents if folder != Path(".")}
    assert _files(tmp_path) == {str(relative), *folders}
    assert written.read_text(encoding="utf-8").splitlines()[0] == f"Title: {title}"
    assert len(written.stem) <= MAX_SLUG_LENGTH
    assert _files(ROOT) == project_before


def test_make_new_without_a_section_says_so(tmp_path):
    result = subprocess.run(
        [*MAKE_NEW, f"INPUTDIR={tmp_path / 'content'}", "TITLE=Tin"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert 'lỗi: thiếu chuyên mục: make new TITLE="…" CATEGORY="…"' in result.stderr
    assert not any(path.is_file() for path in tmp_path.rglob("*"))
