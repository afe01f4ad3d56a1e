"""The theme's CSS, JavaScript and images: minified, under names that carry their
digest, and named so by every page."""

import re
from types import SimpleNamespace

import pytest
from conftest import article, build
from jinja2 import Environment

from theme_assets import (
    UnknownAsset,
    add_asset_filter,
    collect_assets,
    digested_name,
    served_name,
)

STORY = article("Tin một", "2024-03-01 08:00", body="Đoạn đầu.")


def linked_assets(page) -> list[str]:
    tags = page.select("link[rel=stylesheet], link[rel=icon], script[src]")
    return [tag.get("href") or tag.get("src") for tag in tags]


def test_a_name_carries_the_digest_of_what_is_served():
    first = digested_name("css/site.css", b"a{color:red}")
    assert re.fullmatch(r"css/site\.[0-9a-f]{10}\.css", first)
    assert digested_name("css/site.css", b"a{color:red}") == first
    assert digested_name("css/site.css", b"a{color:blue}") != first


def test_css_and_javascript_are_minified_and_other_files_kept(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text("/* note */\nbody {\n  color : red ;\n}\n")
    (tmp_path / "b.js").write_text("// note\nfunction f ( x ) {\n  return x ;\n}\n")
    (tmp_path / "c.svg").write_bytes(b"<svg>  </svg>")
    assets = collect_assets(tmp_path, "theme", minify=True)
    assert assets["css/a.css"].data == b"body{color:red}"
    assert assets["b.js"].data == b"function f(x){return x;}"
    assert assets["c.svg"].data == b"<svg>  </svg>"
    assert assets["css/a.css"].served_as.startswith("theme/css/a.")
    readable = collect_assets(tmp_path, "theme", minify=False)
    assert b"/* note */" in readable["css/a.css"].data


def test_an_asset_the_theme_lacks_is_an_error_that_names_it(tmp_path):
    with pytest.raises(UnknownAsset, match=r"css/khong-co\.css"):
        served_name({}, "css/khong-co.css")
    # Through the filter the plugin gives templates: the build stops instead of
    # linking to nothing.
    (tmp_path / "static").mkdir()
    generator = SimpleNamespace(
        settings={"THEME": str(tmp_path), "THEME_STATIC_DIR": "theme"}, env=Environment()
    )
    add_asset_filter(generator)
    with pytest.raises(UnknownAsset):
        generator.env.from_string('{{ "css/khong-co.css"|asset }}').render()


def test_every_page_links_the_served_files_and_only_those(build_site):
    site = build_site({"tin-mot.md": STORY})
    pages = ["/", "/chinh-tri/", "/chinh-tri/2024/03/01/tin-mot/", "/tim-kiem/", "/404.html"]
    linked = set()
    for url in pages:
        assets = linked_assets(site.page(url))
        assert assets, url
        linked.update(assets)
    for url in linked:
        if url.startswith("/theme/"):
            assert re.search(r"\.[0-9a-f]{10}\.(css|js|svg)$", url), url
            assert site.exists(url), url
    served = [name for name in site.files() if name.startswith("theme/")]
    assert sorted(served) == sorted(url.lstrip("/") for url in linked if url.startswith("/theme/"))
    css = next(name for name in served if name.endswith(".css"))
    text = (site.output / css).read_text(encoding="utf-8")
    assert "\n" not in text.strip()
    assert "/*" not in text


def test_an_edited_stylesheet_gets_a_new_name_that_every_page_uses(project):
    content = project / "content"
    (content / "tin-mot.md").write_text(STORY, encoding="utf-8")
    settings = {"THEME": str(project / "theme")}
    before = build(content, project / "one", **settings)
    old = next(url for url in linked_assets(before.page("/")) if url.endswith(".css"))
    stylesheet = project / "theme" / "static" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text() + "\n.moi { color: #123456; }\n")
    after = build(content, project / "two", **settings)
    new = next(url for url in linked_assets(after.page("/")) if url.endswith(".css"))
    assert new != old
    assert "#123456" in after.path(new).read_text(encoding="utf-8")
    assert new in linked_assets(after.page("/chinh-tri/2024/03/01/tin-mot/"))
    assert not after.exists(old)
