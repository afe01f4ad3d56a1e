"""The benchmark runs end to end on a tiny corpus (timings are its output, never asserted)."""

import re
import subprocess
import sys

from conftest import ROOT, Site

SUMMARY = re.compile(
    r"N=40 build [\d.]+s stock [\d.]+s ratio [\d.]+ rss [\d.]+x "
    r"publish-one [\d.]+s edit-one [\d.]+s"
)


def test_bench_builds_both_sites_and_ends_with_one_summary_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--n", "40", "--work", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert SUMMARY.fullmatch(result.stdout.splitlines()[-1])
    ours, stock = Site(tmp_path / "output"), Site(tmp_path / "stock-output")
    assert ours.exists("/xa-hoi/2026/01/02/khanh-thanh-cau-hoa-binh-4-noi-doi-bo-song-da/")
    assert len(ours.page("/chinh-tri/").select(".card")) > 0
    assert len([name for name in stock.files() if name.endswith(".html")]) > 40
    assert re.search(r"đăng một bài mới: [\d.]+ s, \d+ tệp đổi", result.stdout)
