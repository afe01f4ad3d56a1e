"""Settings for `make html`: the newsroom site built locally, links root-relative."""

SITENAME = "Báo Hòa Bình"
SITE_DESCRIPTION = "Tin tức thời sự, chính trị, kinh tế, xã hội của tỉnh Hòa Bình"
PUBLISHER = "Báo Hòa Bình — Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Hòa Bình"
SITEURL = ""

PATH = "content"
THEME = "theme"
# plugins/theme_assets serves the theme's static files, minified, under names
# that carry their digest; Pelican's plain copy would serve names no page uses.
THEME_STATIC_PATHS = []
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y %H:%M"

# Sections (chuyên mục), in the order of the menu, with their URL slugs.
SECTIONS = [
    ("Chính trị", "chinh-tri"),
    ("Kinh tế", "kinh-te"),
    ("Xã hội", "xa-hoi"),
    ("Văn hóa", "van-hoa"),
    ("Thể thao", "the-thao"),
    ("Pháp luật", "phap-luat"),
    ("Quốc tế", "quoc-te"),
]
SECTION_URL = "{slug}/"
SECTION_SAVE_AS = "{slug}/index.html"
# A section's older articles, in fixed blocks counted from its first article:
# publishing never shifts them (plugins/sections).
SECTION_PAGE_SIZE = 20
SECTION_PAGE_URL = "{slug}/trang/{number}/"
SECTION_PAGE_SAVE_AS = "{slug}/trang/{number}/index.html"
HOME_ARTICLES_PER_SECTION = 5
OTHER_NEWS_COUNT = 6

STATIC_PATHS = ["images"]
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["images"]
PAGE_PATHS = ["pages"]

# An article lives under its section's day: /chinh-tri/2024/03/01/<slug>/.
ARTICLE_URL = "{category}/{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = SECTION_URL
TAG_URL = "tag/{slug}/"
AUTHOR_URL = "tac-gia/{slug}/"
# Tag and author pages come from plugins/tag_and_author_pages, in fixed blocks
# like the sections' pages; Pelican's own are off.
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
LISTING_PAGE_SIZE = 20
TAG_PAGE_SAVE_AS = "tag/{slug}/index.html"
TAG_ARCHIVE_URL = "tag/{slug}/trang/{number}/"
TAG_ARCHIVE_SAVE_AS = "tag/{slug}/trang/{number}/index.html"
AUTHOR_PAGE_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHOR_ARCHIVE_URL = "tac-gia/{slug}/trang/{number}/"
AUTHOR_ARCHIVE_SAVE_AS = "tac-gia/{slug}/trang/{number}/index.html"

# Section pages come from plugins/sections (every section, even an empty one),
# day and month pages from plugins/date_archive; Pelican's own are off.
# 404.html is the page the web server shows for an address the site lacks.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "404", "search"]
# The search page; its index is written by plugins/search_index.
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
PAGINATED_TEMPLATES = {}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Drafts and articles dated in the future are not published anywhere.
WITH_FUTURE_DATES = False
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Feeds of the whole site and of each section (plugins/feeds makes the sapo
# every entry's summary). Links are root-relative here, absolute from
# FEED_DOMAIN (= SITEURL) under publishconf.py.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
FEED_MAX_ITEMS = 50
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Aligned table columns get align=, not an inline style: plugins/safe_html
# removes every style attribute (the site's content security policy forbids them).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {"tables": {"use_align_attribute": True}},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Headlines and sapos are text: escaped wherever they are shown. Only the
# rendered Markdown body is marked |safe in the templates.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGIN_PATHS = ["plugins"]
# plugin_check first: it checks the others' order and settings (plugins/plugin_check).
PLUGINS = [
    "plugin_check",
    "safe_html",
    "vietnamese",
    "sections",
    "unique_urls",
    "sapo",
    "other_news",
    "date_archive",
    "feeds",
    "article_meta",
    "sitemaps",
    "responsive_images",
    "search_index",
    "tag_and_author_pages",
    "theme_assets",
]

# Never: `python -m newsroom build` writes a fresh staging folder and swaps it in,
# and only over a folder it made (newsroom/output.py). Pelican's own deletion
# would empty whatever folder a typo named.
DELETE_OUTPUT_DIRECTORY = False
# What a deploy keeps in the output folder and the build does not make: it
# survives every build (newsroom copies it into the new tree before the swap).
OUTPUT_RETENTION = [".well-known", "CNAME"]
CACHE_CONTENT = False
# make publish writes Brotli and gzip copies of every text file (publishconf.py).
PRECOMPRESS = False

# Markdown only, one language: no reStructuredText, no translation grouping
# (two articles may share a title; plugins/unique_urls tells them apart). No
# HTML files either: they would bypass the content check and plugins/safe_html.
READERS = {"rst": None, "html": None, "htm": None}
ARTICLE_TRANSLATION_ID = None

# "Ngày 27/2" gives "ngay-27-2", not "ngay-272".
SLUG_REGEX_SUBSTITUTIONS = [
    (r"/", " "),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]
