"""The commands a newcomer and a deploy run."""

import pstats

from conftest import Site, article, make, python


def test_make_html_builds_any_content_folder_into_any_output_folder(tmp_path):
    content = tmp_path / "bai-viet"
    content.mkdir()
    (content / "tin.md").write_text(
        article("Đẩy mạnh hợp tác", "2024-02-29 08:00", category="Quốc tế"),
        encoding="utf-8",
    )
    output = tmp_path / "trang"
    result = make("html", f"INPUTDIR={content}", f"OUTPUTDIR={output}")
    assert result.returncode == 0, result.stderr
    site = Site(output)
    assert site.page("/quoc-te/2024/02/29/day-manh-hop-tac/").h1.get_text() == "Đẩy mạnh hợp tác"
    assert site.exists("/2024/02/29/")


def test_make_publish_builds_for_the_address_it_is_given(tmp_path):
    content = tmp_path / "bai-viet"
    content.mkdir()
    (content / "tin.md").write_text(article("Tin thử", "2024-02-29 08:00"), encoding="utf-8")
    output = tmp_path / "trang"
    staging = "https://thu.baohoabinh.example"
    result = make("publish", f"INPUTDIR={content}", f"OUTPUTDIR={output}", f"SITEURL={staging}")
    assert result.returncode == 0, result.stderr
    page = Site(output).page("/chinh-tri/2024/02/29/tin-thu/")
    assert page.find("link", rel="canonical")["href"] == f"{staging}/chinh-tri/2024/02/29/tin-thu/"
    assert f"<id>{staging}/" in (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert (output / "chinh-tri/2024/02/29/tin-thu/index.html.br").is_file()


def test_a_profiled_build_still_writes_its_profile(tmp_path):
    # A build ends without Python's teardown, except under a profiler, which
    # writes its results at exit: profiling is how the build's speed is studied.
    content = tmp_path / "bai-viet"
    content.mkdir()
    (content / "tin.md").write_text(article("Tin thử", "2024-02-29 08:00"), encoding="utf-8")
    profile = tmp_path / "build.prof"
    command = ["-m", "cProfile", "-o", profile, "-m", "newsroom", "build"]
    result = python(*command, "-i", content, "-o", tmp_path / "trang")
    assert result.returncode == 0, result.stderr
    assert "run_pelican" in str(pstats.Stats(str(profile)).stats)
