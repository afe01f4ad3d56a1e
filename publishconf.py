"""Settings for `make publish`: the same site with absolute URLs for the web."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://baohoabinh.com.vn")
RELATIVE_URLS = False
# Feed entries, sitemaps, canonical and Open Graph URLs are absolute from here.
FEED_DOMAIN = SITEURL
# Brotli and gzip copies beside every text file, for nginx's brotli_static and
# gzip_static (newsroom/compress.py); the local preview (make html) goes without.
PRECOMPRESS = True
