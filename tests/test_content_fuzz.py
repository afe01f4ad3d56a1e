"""Random headers and bytes: always a clean list of problems or a clean build."""

import datetime
import shutil
import string

from conftest import ROOT, image_bytes
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

from newsroom.build import run_pelican
from newsroom.check import ERROR, KEYS, check_site

NOW = datetime.datetime(2024, 3, 2, tzinfo=datetime.UTC)

keys = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from([key.lower() for key in KEYS] + ["Titel", "Catgory", "Tag", "Lang"]),
    st.text(string.ascii_letters + "-_", min_size=1, max_size=10),
)
values = st.one_of(
    st.sampled_from(
        [
            "2024-02-29 00:15",
            "2024-02-30 08:00",
            "2024-03-01 23:50",
            "2099-01-01 08:00",
            "Chính trị",
            "chính Trị",
            "Thể thao",
            "draft",
            "published",
            "images/anh.jpg",
            "đường-về",
            "a, b,, c",
            "",
        ]
    ),
    st.text(max_size=40),
)
header_lines = st.lists(
    st.one_of(
        st.builds(lambda key, value: f"{key}: {value}", keys, values),
        st.builds(lambda value: f"    {value}", values),
        st.text(max_size=30),
    ),
    max_size=12,
)
bodies = st.one_of(st.just(""), st.text(max_size=200))
plausible_articles = st.builds(
    lambda title, date, section, extra, body: (
        "\n".join([f"Title: {title}", f"Date: {date}", f"Category: {section}", *extra])
        + "\n\n"
        + body
    ).encode(),
    st.one_of(
        st.text(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựĐÂƯ 0123456789:-/,.“”",
            min_size=1,
            max_size=40,
        ),
        st.text(min_size=1, max_size=40),
    ),
    st.sampled_from(["2024-02-29 00:15", "2024-03-01 23:50", "2024-02-28 08:00"]),
    st.sampled_from(["Chính trị", "xã hội", "Quốc tế"]),
    st.dictionaries(
        st.sampled_from(["Summary", "Author", "Tags", "Caption", "Modified"]),
        st.one_of(values, st.text(min_size=1, max_size=40)),
        max_size=4,
    ).map(lambda extra: [f"{key}: {value}" for key, value in extra.items()]),
    st.text(min_size=1, max_size=200),
)
files = st.one_of(
    st.builds(
        lambda lines, body: ("\n".join(lines) + "\n\n" + body).encode(), header_lines, bodies
    ),
    st.binary(max_size=200),
)


def _settings(content, output):
    return read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(output)},
    )


def _write(tmp_path_factory, contents):
    root = tmp_path_factory.mktemp("fuzz")
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "anh.jpg").write_bytes(image_bytes(40, 30))
    for number, data in enumerate(contents):
        (content / f"bai-{number}.md").write_bytes(data)
    return root, content


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=st.lists(files, min_size=1, max_size=3))
def test_checking_random_files_never_raises(tmp_path_factory, contents):
    root, content = _write(tmp_path_factory, contents)
    problems = check_site(_settings(content, root / "output"), now=NOW)
    assert all(problem.path.endswith(".md") and problem.line >= 1 for problem in problems)
    shutil.rmtree(root)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=st.lists(plausible_articles, min_size=1, max_size=3))
def test_files_that_pass_the_checks_build_cleanly(tmp_path_factory, contents):
    root, content = _write(tmp_path_factory, contents)
    settings_ = _settings(content, root / "output")
    problems = check_site(settings_, now=NOW)
    clean = not any(problem.severity == ERROR for problem in problems)
    event(f"passes the checks: {clean}")
    if clean:
        run_pelican(settings_)
        assert (root / "output" / "index.html").is_file()
    shutil.rmtree(root)
