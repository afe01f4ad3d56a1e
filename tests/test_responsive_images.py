"""Responsive images: widths, srcset, the <picture> markup and the encode cache."""

import pytest
from bs4 import BeautifulSoup
from conftest import article, image_bytes
from PIL import Image

from responsive_images.encode import ImageCache
from responsive_images.markup import (
    ResponsiveImage,
    Variant,
    alt_text,
    picture_html,
    rewrite_inline_images,
)
from responsive_images.sizing import (
    build_srcset,
    choose_widths,
    fallback_format,
    image_path_from_src,
    scaled_height,
    variant_path,
)

WIDTHS = (480, 800, 1200)
CAPTION = "Đồng chí Bí thư Tỉnh ủy kiểm tra nhà máy nhựa Lạc Sơn."
ARTICLE_URL = "/chinh-tri/2024/03/01/kiem-tra-nha-may/"

# Pure functions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_width", "expected"),
    [
        pytest.param(1200, [480, 800, 1200], id="exactly-the-widest"),
        pytest.param(2400, [480, 800, 1200], id="wider-is-scaled-down"),
        pytest.param(1000, [480, 800, 1000], id="between-keeps-its-own-width"),
        pytest.param(480, [480], id="exactly-the-narrowest"),
        pytest.param(300, [300], id="narrower-is-never-upscaled"),
    ],
)
def test_choose_widths_never_upscales(source_width, expected):
    assert choose_widths(source_width, WIDTHS) == expected


def test_choose_widths_sorts_and_deduplicates_candidates():
    assert choose_widths(900, [800, 480, 800]) == [480, 800]
    assert choose_widths(900, []) == []


def test_scaled_height_keeps_aspect_ratio():
    assert scaled_height(1200, 675, 480) == 270
    assert scaled_height(1200, 675, 800) == 450
    assert scaled_height(4000, 1, 480) == 1


def test_fallback_format_keeps_transparency_as_png():
    assert fallback_format("JPEG", has_alpha=False) == "JPEG"
    assert fallback_format("PNG", has_alpha=False) == "PNG"
    assert fallback_format("WEBP", has_alpha=True) == "PNG"


def test_variant_path_sits_beside_the_original_with_width_and_hash():
    digest = "0123456789abcdef"
    assert variant_path("images/lu/anh.jpg", digest, 480, "WEBP") == (
        "images/lu/anh-480w-0123456789.webp"
    )
    assert variant_path("images/anh.png", digest, 800, "PNG") == "images/anh-800w-0123456789.png"


def test_build_srcset():
    assert build_srcset([("/a-480.webp", 480), ("/a-800.webp", 800)]) == (
        "/a-480.webp 480w, /a-800.webp 800w"
    )


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("images/anh.jpg", "images/anh.jpg"),
        ("/images/anh.jpg", "images/anh.jpg"),
        ("{static}/images/anh.jpg", "images/anh.jpg"),
        ("{static}images/lu/anh.jpg", "images/lu/anh.jpg"),
        ("https://baohoabinh.com.vn/images/anh.jpg", "images/anh.jpg"),
        ("https://example.com/images/anh.jpg", None),
        ("/theme/favicon.svg", None),
        ("images/../pelicanconf.py", None),
        ("", None),
        (None, None),
    ],
)
def test_image_path_from_src(src, expected):
    assert image_path_from_src(src, siteurl="https://baohoabinh.com.vn") == expected


def test_alt_text_falls_back_to_caption():
    assert alt_text("  Nhà máy  nhựa ", CAPTION) == "Nhà máy nhựa"
    assert alt_text("", CAPTION) == CAPTION
    assert alt_text(None, None) == ""


def _image(path="images/anh.jpg", sizes=((480, 270), (800, 450))):
    stem = path.rsplit(".", 1)[0]
    return ResponsiveImage(
        path,
        "0" * 40,
        tuple(Variant(f"{stem}-{w}w.webp", w, h, "WEBP") for w, h in sizes),
        tuple(Variant(f"{stem}-{w}w.jpg", w, h, "JPEG") for w, h in sizes),
    )


def _soup(html):
    return BeautifulSoup(html, "html.parser")


def test_picture_html_for_the_lead_image_is_fetched_first():
    picture = _soup(picture_html(_image(), 'Ảnh "nhà máy"', "100vw", "", lead=True)).picture
    source, img = picture.source, picture.img
    assert source["type"] == "image/webp"
    assert source["srcset"] == "/images/anh-480w.webp 480w, /images/anh-800w.webp 800w"
    assert img["src"] == "/images/anh-800w.jpg"
    assert img["srcset"] == "/images/anh-480w.jpg 480w, /images/anh-800w.jpg 800w"
    assert (img["width"], img["height"]) == ("800", "450")
    assert img["alt"] == 'Ảnh "nhà máy"'
    assert img["sizes"] == source["sizes"] == "100vw"
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")


def test_picture_html_for_other_images_is_lazy_and_uses_siteurl():
    img = _soup(picture_html(_image(), "", "100vw", "https://b.vn", lead=False)).img
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert not img.has_attr("fetchpriority")
    assert img["src"] == "https://b.vn/images/anh-800w.jpg"


def test_rewrite_inline_images_replaces_site_images_only():
    images = {"images/so-do.png": _image("images/so-do.png")}
    html = (
        '<p>Trước.</p><p><img alt="" src="{static}/images/so-do.png" title="Sơ đồ tuyến đường"></p>'
        '<figure><img alt="" src="/images/so-do.png"><figcaption>Tuyến <em>mới</em></figcaption>'
        '</figure><p><img alt="Ảnh ngoài" src="https://example.com/a.jpg"></p>'
        '<p><img alt="Thiếu" src="/images/thieu.jpg"></p>'
    )
    soup = _soup(rewrite_inline_images(html, images.get, "100vw"))
    pictures = soup.find_all("picture")
    assert [p.img["alt"] for p in pictures] == ["Sơ đồ tuyến đường", "Tuyến mới"]
    assert all(p.img["loading"] == "lazy" for p in pictures)
    assert pictures[0].img["src"] == "/images/so-do-800w.jpg"
    untouched = [img["src"] for img in soup.find_all("img") if not img.find_parent("picture")]
    assert untouched == ["https://example.com/a.jpg", "/images/thieu.jpg"]


def test_rewrite_inline_images_leaves_html_without_site_images_as_written():
    html = "<p>Chữ &amp; <b>đậm</b><br/></p>"
    assert rewrite_inline_images(html, lambda path: None, "100vw") is html


# Built sites ------------------------------------------------------------------


def _lead_article(**metadata):
    metadata.setdefault("image", "images/nha-may.jpg")
    metadata.setdefault("caption", CAPTION)
    return article("Kiểm tra nhà máy", "2024-03-01 08:00", **metadata)


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "image-cache"


@pytest.fixture
def encodes(monkeypatch):
    """Every image Pillow writes during the test, as (format, width)."""
    calls = []
    original = Image.Image.save

    def counting_save(image, fp, format=None, **params):
        calls.append((format, image.width))
        return original(image, fp, format, **params)

    monkeypatch.setattr(Image.Image, "save", counting_save)
    return calls


def _pictures(site, url):
    return site.page(url).select("main picture")


def _srcset_paths(srcset):
    return [(entry.split()[0], int(entry.split()[1][:-1])) for entry in srcset.split(", ")]


def test_lead_image_is_a_picture_with_every_variant_written(build_site, cache):
    site = build_site(
        {"kiem-tra.md": _lead_article(), "images/nha-may.jpg": image_bytes(1200, 675)},
        IMAGE_CACHE_PATH=str(cache),
    )
    figure = site.page(ARTICLE_URL).select_one("main figure.lead-figure")
    picture = figure.picture
    img = picture.img
    assert (img["width"], img["height"]) == ("1200", "675")
    assert img["alt"] == CAPTION
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")
    assert figure.figcaption.get_text() == CAPTION

    expected = {"image/webp": "WEBP", None: "JPEG"}
    for srcset, kind in ((picture.source["srcset"], "image/webp"), (img["srcset"], None)):
        paths = _srcset_paths(srcset)
        assert [width for _, width in paths] == [480, 800, 1200]
        for url, width in paths:
            assert url.startswith("/images/nha-may-")
            with Image.open(site.path(url)) as variant:
                assert variant.format == expected[kind]
                assert variant.size == (width, scaled_height(1200, 675, width))
    assert img["src"] == _srcset_paths(img["srcset"])[-1][0]


def test_alt_metadata_wins_over_the_caption(build_site, cache):
    site = build_site(
        {
            "kiem-tra.md": _lead_article(alt="Dây chuyền sản xuất ống nhựa"),
            "images/nha-may.jpg": image_bytes(),
        },
        IMAGE_CACHE_PATH=str(cache),
    )
    assert _pictures(site, ARTICLE_URL)[0].img["alt"] == "Dây chuyền sản xuất ống nhựa"


def test_small_png_is_not_upscaled_and_keeps_png_fallback(build_site, cache):
    body = 'Sơ đồ:\n\n![](/images/so-do.png "Sơ đồ tuyến đường mới")\n\nHết.'
    site = build_site(
        {
            "kiem-tra.md": article("Kiểm tra nhà máy", "2024-03-01 08:00", body=body),
            "images/so-do.png": image_bytes(300, 200, "PNG"),
        },
        IMAGE_CACHE_PATH=str(cache),
    )
    (picture,) = _pictures(site, ARTICLE_URL)
    img = picture.img
    assert _srcset_paths(img["srcset"]) == [(img["src"], 300)]
    assert img["src"].endswith(".png")
    assert (img["width"], img["height"]) == ("300", "200")
    assert img["alt"] == "Sơ đồ tuyến đường mới"
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    with Image.open(site.path(img["src"])) as variant:
        assert (variant.format, variant.mode, variant.size) == ("PNG", "RGBA", (300, 200))


def test_second_build_reuses_the_cache_and_an_edited_image_is_encoded_again(
    build_site, cache, encodes
):
    files = {"kiem-tra.md": _lead_article(), "images/nha-may.jpg": image_bytes(1200, 675)}
    encodes.clear()  # making the test's image is not the build's work

    first = build_site(files, IMAGE_CACHE_PATH=str(cache))
    assert sorted(encodes) == sorted((f, w) for f in ("WEBP", "JPEG") for w in WIDTHS)
    first_pictures = str(_pictures(first, ARTICLE_URL)[0])
    cached = {path: path.stat().st_mtime_ns for path in cache.iterdir()}

    encodes.clear()
    second = build_site(files, IMAGE_CACHE_PATH=str(cache))
    assert encodes == []
    assert {path: path.stat().st_mtime_ns for path in cache.iterdir()} == cached
    assert str(_pictures(second, ARTICLE_URL)[0]) == first_pictures
    for url, _ in _srcset_paths(_pictures(second, ARTICLE_URL)[0].img["srcset"]):
        assert second.exists(url)

    files["images/nha-may.jpg"] = image_bytes(1200, 675, color=(200, 40, 40))
    encodes.clear()
    third = build_site(files, IMAGE_CACHE_PATH=str(cache))
    assert len(encodes) == 6
    assert str(_pictures(third, ARTICLE_URL)[0]) != first_pictures


def test_cache_defaults_to_beside_the_content_folder_not_the_output(build_site, tmp_path):
    site = build_site({"kiem-tra.md": _lead_article(), "images/nha-may.jpg": image_bytes()})
    cached = list((tmp_path / ".cache" / "images").iterdir())
    assert len(cached) == 7  # six variants and the image's size
    assert not any(".cache" in name for name in site.files())


def test_variants_go_to_the_output_path_pelican_writes(build_site, cache, tmp_path):
    staging = tmp_path / "staging" / "site"
    build_site(
        {"kiem-tra.md": _lead_article(), "images/nha-may.jpg": image_bytes()},
        IMAGE_CACHE_PATH=str(cache),
        OUTPUT_PATH=str(staging),
    )
    assert not (tmp_path / "output").exists()
    variants = [name for name in (staging / "images").iterdir() if "w-" in name.name]
    assert len(variants) == 6


def test_draft_images_are_not_published(build_site, cache):
    site = build_site(
        {
            "kiem-tra.md": article("Tin đã đăng", "2024-03-01 08:00"),
            "nhap.md": _lead_article(status="draft"),
            "images/nha-may.jpg": image_bytes(),
        },
        IMAGE_CACHE_PATH=str(cache),
    )
    assert [name for name in site.files() if name.startswith("images/")] == ["images/nha-may.jpg"]


def test_missing_lead_image_is_reported(build_site, cache, caplog):
    site = build_site({"kiem-tra.md": _lead_article()}, IMAGE_CACHE_PATH=str(cache))
    assert "kiem-tra.md" in caplog.text
    assert "images/nha-may.jpg" in caplog.text
    assert site.page(ARTICLE_URL).select("main figure") == []


def test_phone_photo_is_turned_upright_from_its_exif_orientation(tmp_path):
    photo = Image.new("RGB", (1000, 600), (10, 120, 60))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    source = tmp_path / "images" / "dung.jpg"
    source.parent.mkdir()
    photo.save(source, "JPEG", exif=exif)

    cache = ImageCache(tmp_path / "cache", WIDTHS)
    image = cache.prepare(source, "images/dung.jpg")
    cache.publish(image, tmp_path / "output")

    assert [(v.width, v.height) for v in image.fallback] == [(480, 800), (600, 1000)]
    with Image.open(tmp_path / "output" / image.largest.path) as variant:
        assert variant.size == (600, 1000)
