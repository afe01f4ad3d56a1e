"""Each plugin's table of settings, unknown keys reported, and PLUGINS order checked."""

import subprocess
import sys

import pytest
from conftest import ROOT, article, settings_module, write_files
from pelican.settings import DEFAULT_CONFIG, read_settings

import other_news
import search_index
import sections
from plugin_check import order_problem, resolved, unknown_settings

TABLES = {"search_index": search_index.SETTINGS, "sections": sections.SETTINGS}


def test_resolved_takes_the_sites_value_and_the_tables_default():
    table = {"OTHER_NEWS_COUNT": 6, "SEARCH_PROCESSES": None}
    assert resolved({"OTHER_NEWS_COUNT": 4, "PATH": "."}, table) == {
        "OTHER_NEWS_COUNT": 4,
        "SEARCH_PROCESSES": None,
    }


def test_a_misspelt_plugin_setting_is_named_with_the_likely_one():
    settings = {"SEARCH_CHUNK_BYTE": 1000, "SECTION_PAGE_SIZE": 10, "PATH": "."}
    assert unknown_settings(settings, TABLES, DEFAULT_CONFIG) == [
        "Unknown setting SEARCH_CHUNK_BYTE (search_index); did you mean SEARCH_CHUNK_BYTES?"
    ]


def test_pelicans_own_settings_and_other_families_are_not_reported():
    settings = {"SECTION_URL": "{slug}/", "TAG_URL": "tag/{slug}/", "SITE_DESCRIPTION": "Báo"}
    tables = {**TABLES, "other_news": other_news.SETTINGS}
    assert unknown_settings(settings, tables, DEFAULT_CONFIG) == []


def test_the_projects_settings_have_no_unknown_key():
    for name in ("pelicanconf.py", "publishconf.py"):
        settings = read_settings(str(ROOT / name), override={"PATH": str(ROOT / "content")})
        tables = {
            plugin: getattr(__import__(plugin), "SETTINGS", {}) for plugin in settings["PLUGINS"]
        }
        assert unknown_settings(settings, tables, DEFAULT_CONFIG) == [], name


def test_a_plugin_listed_before_one_it_needs_is_refused():
    needs = {"sapo": ("vietnamese",)}
    assert order_problem(["vietnamese", "sapo"], needs) is None
    assert order_problem(["sapo", "vietnamese"], needs) == (
        "PLUGINS lists sapo before vietnamese, which it needs: put vietnamese before sapo"
    )
    assert order_problem(["sapo"], needs) == (
        "PLUGINS lists sapo without vietnamese, which it needs: add vietnamese"
    )


def test_the_projects_plugins_are_in_an_order_they_accept():
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(ROOT / "content")})
    plugins = settings["PLUGINS"]
    needs = {plugin: getattr(__import__(plugin), "NEEDS", ()) for plugin in plugins}
    assert plugins[0] == "plugin_check"
    assert order_problem(plugins, needs) is None


def _build(tmp_path, **values):
    content = write_files(
        tmp_path / "content", {"bai.md": article("Tin thời sự", "2024-02-27 09:00")}
    )
    settings = settings_module(tmp_path, **values)
    folders = ["-i", str(content), "-o", str(tmp_path / "output")]
    return subprocess.run(
        [sys.executable, "-m", "newsroom", "build", "-s", str(settings), *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_build_warns_of_a_misspelt_setting(tmp_path):
    result = _build(tmp_path, OTHER_NEWS_CUONT=3)
    assert result.returncode == 0, result.stderr
    assert (
        "Unknown setting OTHER_NEWS_CUONT (other_news); did you mean OTHER_NEWS_COUNT?"
        in result.stdout + result.stderr
    )
    assert (tmp_path / "output" / "index.html").is_file()


@pytest.mark.parametrize("plugin", ["sapo", "sections"])
def test_a_build_with_plugins_out_of_order_fails_and_says_how_to_fix_it(tmp_path, plugin):
    order = list(read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"])
    order.remove(plugin)
    order.insert(order.index("vietnamese"), plugin)
    result = _build(tmp_path, PLUGINS=order)
    assert result.returncode != 0
    assert (
        f"PLUGINS lists {plugin} before vietnamese, which it needs: put vietnamese before {plugin}"
        in result.stderr + result.stdout
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "output").exists()
