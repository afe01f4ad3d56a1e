"""The benchmark runs end to end on a tiny corpus (timings are its output, never asserted)."""

import re
import subprocess
import sys

from conftest import ROOT, Site

SUMMARY = re.compile(
    r"N=40 build [\d.]+s stock [\d.]+s ratio [\d.]+ rss [\d.]+x "
    r"publish-one [\d.]+s edit-one [\d.]+s delete-one [\d.]+s undraft-one [\d.]+s "
    r"serve-edit [\d.]+s hugo [\d.]+s hugo-rebuild [\d.]+s cold/hugo [\d.]+ publish-one/hugo [\d.]+"
)
SUMMARY_WITHOUT_HUGO = re.compile(
    r"N=12 build [\d.]+s stock [\d.]+s ratio [\d.]+ rss [\d.]+x "
    r"publish-one [\d.]+s edit-one [\d.]+s delete-one [\d.]+s undraft-one [\d.]+s "
    r"serve-edit [\d.]+s hugo n/a"
)
HUGO_ROWS = (
    r"Hugo: hugo v\d+\.\d+\.\d+\S* .*",
    r"Hugo +[\d.]+ s +\d+ bài/s +\d+ MB +\d+ tệp +[\d.]+ MB",
    r"tỉ lệ dự án/Hugo: thời gian [\d.]+, RSS [\d.]+",
    r"Hugo, đăng một bài mới: [\d.]+ s \(dựng lại toàn bộ\), \d+ tệp đổi",
)
# /<section>/YYYY/MM/DD/<slug>/: an article's page, in both sites.
ARTICLE_PAGE = re.compile(r"[a-z-]+/\d{4}/\d{2}/\d{2}/[^/]+/index\.html")
NEW_ARTICLE = "/xa-hoi/2026/01/02/khanh-thanh-cau-hoa-binh-4-noi-doi-bo-song-da/"


def bench(tmp_path, n: int, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "bench/run.py", "--n", str(n), "--work", str(tmp_path), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def article_pages(site: Site) -> set[str]:
    return {name for name in site.files() if ARTICLE_PAGE.fullmatch(name)}


def other_news(site: Site, url: str) -> list[str]:
    return [link["href"] for link in site.page(url).select(".other-news .card__title a")]


def test_bench_builds_the_three_sites_and_ends_with_one_summary_line(tmp_path):
    result = bench(tmp_path, 40)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SUMMARY.fullmatch(result.stdout.splitlines()[-1])
    ours, stock = Site(tmp_path / "output"), Site(tmp_path / "stock-output")
    hugo = Site(tmp_path / "hugo-output")
    assert ours.exists(NEW_ARTICLE)
    assert len(ours.page("/chinh-tri/").select(".card")) > 0
    assert len([name for name in stock.files() if name.endswith(".html")]) > 40
    assert re.search(r"đăng một bài mới: [\d.]+ s, \d+ tệp đổi", result.stdout)
    assert re.search(r"xóa một bài: [\d.]+ s, \d+ tệp đổi", result.stdout)
    assert re.search(r"đăng một bản nháp: [\d.]+ s, \d+ tệp đổi", result.stdout)
    # Published from a draft, then deleted.
    assert not ours.exists("/chinh-tri/2026/01/03/hoi-nghi-trien-khai-nhiem-vu-nam-2026/")

    lines = result.stdout.splitlines()
    for row in HUGO_ROWS:
        assert any(re.fullmatch(row, line) for line in lines), row
    # One page per article, the new one included, at the addresses ours has.
    assert len(article_pages(hugo)) == 41
    assert article_pages(hugo) == article_pages(ours)
    assert hugo.page(NEW_ARTICLE).h1.get_text() == ours.page(NEW_ARTICLE).h1.get_text()
    assert other_news(hugo, NEW_ARTICLE) == other_news(ours, NEW_ARTICLE) != []
    assert len(hugo.page("/xa-hoi/").select(".card")) == len(
        [name for name in article_pages(ours) if name.startswith("xa-hoi/")]
    )
    assert hugo.exists("/2026/01/02/")
    assert hugo.exists("/tag/giao-thong/")


def test_bench_without_hugo_says_what_to_install_and_measures_the_rest(tmp_path):
    result = bench(tmp_path, 12, "--hugo", "no-such-hugo")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "Hugo: không có no-such-hugo (not installed), bỏ qua số đo Hugo. Cài bằng: "
        "sudo apt-get update && sudo apt-get install -y hugo (hoặc make hugo)"
    ) in result.stdout
    assert SUMMARY_WITHOUT_HUGO.fullmatch(result.stdout.splitlines()[-1])
    assert Site(tmp_path / "output").exists(NEW_ARTICLE)
    assert not (tmp_path / "hugo").exists()
    assert not (tmp_path / "hugo-output").exists()
