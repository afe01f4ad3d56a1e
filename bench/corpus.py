"""A synthetic newsroom: N Markdown articles that read like Báo Hòa Bình's.

Deterministic for a seed: the same ``(n, seed, first_day, last_day)`` always
gives the same articles, byte for byte, so benchmarks can be compared across
changes. Articles are spread over the years and the seven sections, dated to
the minute in local time, each with a headline, a sapo (``Summary``), four to
eight paragraphs, an author and two to four tags. One article in ``PHOTO_EVERY``
has a lead photo with a caption, taken from a pool of ``PHOTOS`` pictures that
``write_corpus`` draws with Pillow into ``images/`` (so an image's resizing is
paid once per picture, as a newsroom reusing file photos would). One article in
``FOLLOW_UP_EVERY`` is a follow-up with the headline of the article before it,
in the same section, on the same day: two articles with one headline, whose
addresses the build must tell apart.

As a module::

    from corpus import generate, write_corpus
    articles = generate(20000, seed=1)          # list[Article], in memory
    write_corpus("/tmp/content", 20000)         # content/YYYY/MM/bai-000001.md …

From the shell::

    python bench/corpus.py --n 20000 --out /tmp/content [--seed 1]
"""

import argparse
import dataclasses
import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

PHOTO_EVERY = 6
PHOTOS = 12
PHOTO_SIZE = (1600, 1067)
FOLLOW_UP_EVERY = 50

SECTIONS = ("Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Pháp luật", "Quốc tế")
FIRST_DAY = datetime.date(2016, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)

PLACES = (
    "thành phố Hòa Bình",
    "huyện Lạc Sơn",
    "huyện Kim Bôi",
    "huyện Mai Châu",
    "huyện Tân Lạc",
    "huyện Cao Phong",
    "huyện Lương Sơn",
    "huyện Đà Bắc",
    "huyện Yên Thủy",
    "huyện Lạc Thủy",
    "xã Độc Lập",
    "xã Đoàn Kết",
    "xã Thượng Cốc",
    "xã Mường Chiềng",
    "xã Đồng Tâm",
    "xã Phú Thành",
    "thị trấn Bo",
    "thị trấn Vụ Bản",
    "vùng hồ sông Đà",
    "khu vực biên giới",
)

ACTORS = (
    "Ban Thường vụ Tỉnh ủy",
    "UBND tỉnh",
    "HĐND tỉnh",
    "Ủy ban MTTQ tỉnh",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Hội Nông dân tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Cục Thuế tỉnh",
    "Ngân hàng Chính sách xã hội tỉnh",
    "Ban Dân vận Tỉnh ủy",
    "Sở Tài nguyên và Môi trường",
)

# Per section: what its news is about, and the words its headlines lead with.
TOPICS = {
    "Chính trị": (
        "công tác dân vận",
        "phong trào thi đua Dân vận khéo",
        "cải cách hành chính",
        "công tác xây dựng Đảng",
        "nghị quyết Đại hội Đảng bộ tỉnh",
        "công tác cán bộ",
        "phòng, chống tham nhũng",
        "quy chế dân chủ ở cơ sở",
        "kỳ họp thường lệ của HĐND tỉnh",
        "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "công tác tiếp công dân",
        "sắp xếp đơn vị hành chính cấp xã",
    ),
    "Kinh tế": (
        "chương trình mỗi xã một sản phẩm (OCOP)",
        "sản xuất lúa vụ xuân",
        "thu hút đầu tư",
        "giải ngân vốn đầu tư công",
        "tiêu thụ cam Cao Phong",
        "phát triển du lịch cộng đồng",
        "xây dựng nông thôn mới",
        "khu công nghiệp Lương Sơn",
        "thu ngân sách nhà nước",
        "hỗ trợ doanh nghiệp nhỏ và vừa",
        "chuyển đổi số trong nông nghiệp",
        "trồng rừng gỗ lớn",
        "nuôi cá lồng trên hồ Hòa Bình",
    ),
    "Xã hội": (
        "phòng, chống dịch bệnh",
        "tiêm chủng mở rộng",
        "bảo hiểm y tế học sinh",
        "giảm nghèo bền vững",
        "xóa nhà tạm, nhà dột nát",
        "an toàn giao thông",
        "tuyển sinh đầu cấp",
        "chăm sóc người cao tuổi",
        "nước sạch nông thôn",
        "giải quyết việc làm cho thanh niên",
        "phòng, chống thiên tai",
        "đường giao thông nông thôn",
    ),
    "Văn hóa": (
        "lễ hội Khai hạ của người Mường",
        "bảo tồn văn hóa Mường",
        "câu lạc bộ cồng chiêng",
        "di tích lịch sử cấp quốc gia",
        "ngày hội đọc sách",
        "nghệ nhân ưu tú",
        "trang phục truyền thống dân tộc Thái",
        "hát Xắc bùa",
        "sử thi Đẻ đất đẻ nước",
        "không gian văn hóa bản làng",
        "liên hoan văn nghệ quần chúng",
    ),
    "Thể thao": (
        "giải bóng đá thanh niên",
        "giải việt dã truyền thống",
        "đội tuyển bóng chuyền",
        "Đại hội Thể dục thể thao",
        "giải cầu lông các câu lạc bộ",
        "võ cổ truyền",
        "giải chạy marathon vùng hồ",
        "giải đua thuyền truyền thống",
        "môn đẩy gậy dân tộc",
        "giải bóng chuyền hơi",
        "phong trào thể dục thể thao quần chúng",
    ),
    "Pháp luật": (
        "vi phạm nồng độ cồn khi lái xe",
        "lừa đảo qua mạng",
        "khai thác cát trái phép",
        "buôn bán trái phép chất ma túy",
        "tuyên truyền, phổ biến pháp luật",
        "xử lý vi phạm hành chính",
        "trộm cắp tài sản",
        "phòng cháy, chữa cháy rừng",
        "vận chuyển gỗ trái phép",
        "tín dụng đen",
        "trợ giúp pháp lý cho người nghèo",
    ),
    "Quốc tế": (
        "hợp tác ASEAN",
        "ứng phó với biến đổi khí hậu",
        "hội nghị thượng đỉnh",
        "thương mại quốc tế",
        "hoạt động của Liên hợp quốc",
        "giá dầu thế giới",
        "hợp tác giữa Việt Nam, Lào và Thái Lan",
        "an ninh lương thực toàn cầu",
        "chuỗi cung ứng khu vực",
        "quan hệ hữu nghị Việt Nam - Lào",
        "hội chợ thương mại tại Đà Nẵng",
    ),
}

VERBS = (
    "đẩy mạnh",
    "tăng cường",
    "triển khai",
    "nâng cao hiệu quả",
    "kiểm tra",
    "tổng kết",
    "sơ kết",
    "quán triệt",
    "đôn đốc",
    "tháo gỡ khó khăn trong",
    "khảo sát",
    "ra quân",
)

RESULTS = (
    "nhiều kết quả tích cực",
    "chuyển biến rõ nét",
    "vượt kế hoạch đề ra",
    "còn nhiều khó khăn cần tháo gỡ",
    "tạo sức lan tỏa trong cộng đồng",
    "hướng tới phát triển bền vững",
    "người dân đồng tình hưởng ứng",
    "chú trọng chất lượng, hiệu quả",
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Bùi", "Đinh", "Quách", "Xa", "Đỗ", "Vũ")
MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Thanh", "Minh", "Hồng", "Ngọc", "Quang", "Thu", "Kim")
GIVEN_NAMES = (
    "Long",
    "Chung",
    "Hà",
    "Dũng",
    "Hương",
    "Thắng",
    "Lan",
    "Đạt",
    "Huyền",
    "Tùng",
    "Nga",
    "Khánh",
    "Đông",
    "Bình",
    "Trang",
    "Hải",
)
TITLES = (
    "Bí thư Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh",
    "Chủ tịch UBND huyện",
    "Giám đốc Sở",
    "Bí thư Đảng ủy xã",
    "Trưởng phòng Nông nghiệp huyện",
    "Trưởng xóm",
    "Hiệu trưởng nhà trường",
    "Chủ nhiệm hợp tác xã",
)

# Sentences of the body; {topic}, {place}, {actor}, {person}, {title}, {result},
# {number}, {percent}, {year} are filled in.
SENTENCES = (
    "Những năm qua, {actor} đã tập trung lãnh đạo, chỉ đạo {topic} tại {place}.",
    "Theo báo cáo, trong năm {year} toàn tỉnh có {number} mô hình {topic}, {result}.",
    "Đến nay, tỷ lệ hoàn thành đạt {percent}%, tăng so với cùng kỳ năm trước.",
    "Đồng chí {person}, {title}, cho biết: “Chúng tôi xác định {topic} là nhiệm vụ "
    "trọng tâm, thường xuyên.”",
    "Tại buổi làm việc, lãnh đạo {place} đã báo cáo kết quả thực hiện {topic} và đề xuất "
    "một số kiến nghị.",
    "Bên cạnh những kết quả đạt được, việc thực hiện {topic} vẫn còn một số hạn chế như "
    "nguồn lực còn thiếu, sự phối hợp giữa các ngành chưa chặt chẽ.",
    "Người dân {place} phấn khởi khi {topic} mang lại hiệu quả thiết thực, góp phần nâng cao "
    "đời sống vật chất và tinh thần.",
    "Thời gian tới, {actor} tiếp tục đổi mới nội dung, phương thức, huy động sự vào cuộc "
    "của cả hệ thống chính trị.",
    "Ông {person}, một người dân ở {place}, chia sẻ: “Nhờ có sự quan tâm của chính quyền, "
    "cuộc sống của bà con đã khá hơn nhiều.”",
    "Năm {year}, {place} phấn đấu hoàn thành {number} chỉ tiêu, trong đó chú trọng {topic}.",
    "Để đạt được kết quả này, các cấp, các ngành đã chủ động xây dựng kế hoạch, phân công "
    "nhiệm vụ cụ thể cho từng đơn vị.",
    "Qua kiểm tra, đoàn công tác đánh giá cao sự chủ động, sáng tạo của cơ sở trong {topic}.",
    "Kinh phí thực hiện gần {number} triệu đồng, từ nguồn ngân sách và sự đóng góp của nhân dân.",
    "Đường về bản nay đã được bê tông hóa, thuận lợi cho việc đi lại và giao thương hàng hóa.",
    "Phát biểu kết luận, đồng chí {person} đề nghị các đơn vị rút kinh nghiệm, khắc phục "
    "những tồn tại, hạn chế.",
    "Nhiều hộ gia đình đã vươn lên thoát nghèo, có thu nhập ổn định từ {number} triệu đồng "
    "mỗi năm trở lên.",
    "Chương trình nhận được sự hưởng ứng của đông đảo cán bộ, đảng viên và nhân dân.",
    "Dịp này, {actor} đã trao tặng {number} suất quà cho các gia đình chính sách, hộ nghèo.",
)

AUTHORS = tuple(
    f"{surname} {given}"
    for surname in ("Lê", "Đinh", "Bùi", "Hoàng", "Nguyễn", "Quách")
    for given in ("Chung", "Thắng", "Hương", "Lan", "Khánh", "Tùng", "Huyền")
)


@dataclass(frozen=True)
class Article:
    """One generated article: what its Markdown file says."""

    title: str
    date: datetime.datetime
    category: str
    summary: str
    author: str
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    photo: str | None = None
    caption: str | None = None

    def markdown(self) -> str:
        """The article as an editor writes it: Pelican's header, then the body."""
        header = (
            f"Title: {self.title}\n"
            f"Date: {self.date:%Y-%m-%d %H:%M}\n"
            f"Category: {self.category}\n"
            f"Summary: {self.summary}\n"
            f"Author: {self.author}\n"
            f"Tags: {', '.join(self.tags)}\n"
        )
        if self.photo:
            header += f"Image: {self.photo}\nCaption: {self.caption}\n"
        return header + "\n" + "\n\n".join(self.paragraphs) + "\n"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(rng: random.Random, template: str, topic: str, place: str, year: int) -> str:
    return template.format(
        topic=topic,
        place=place,
        actor=rng.choice(ACTORS),
        person=_person(rng),
        title=rng.choice(TITLES),
        result=rng.choice(RESULTS),
        number=rng.randint(3, 950),
        percent=f"{rng.uniform(60, 99.9):.1f}".replace(".", ","),
        year=year,
    )


def _headline(rng: random.Random, topic: str, place: str) -> str:
    form = rng.randrange(5)
    if form == 0:
        return f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {topic} tại {place}"
    if form == 1:
        return f"{_capitalised(topic)} ở {place}: {rng.choice(RESULTS)}"
    if form == 2:
        return _capitalised(f"{rng.choice(VERBS)} {topic}")
    if form == 3:
        return f"{_capitalised(place)} {rng.choice(VERBS)} {topic}"
    return f"{_capitalised(topic)} — {rng.choice(RESULTS)}"


def _tag(topic: str) -> str:
    # Tags are separated by commas in the header, so a tag has none.
    return topic.replace(",", "").split(" (")[0]


def _photo_name(number: int) -> str:
    return f"images/anh-tu-lieu-{number:02d}.jpg"


def _follow_up(rng: random.Random, earlier: Article) -> Article:
    """A later article of the same day and section, under the same headline."""
    later = earlier.date + datetime.timedelta(minutes=rng.randrange(1, 60))
    return dataclasses.replace(
        earlier,
        date=later,
        summary=f"Thông tin thêm: {earlier.summary[:1].lower()}{earlier.summary[1:]}",
        photo=None,
        caption=None,
    )


def _article(rng: random.Random, first_day: datetime.date, days: int) -> Article:
    category = rng.choice(SECTIONS)
    topic = rng.choice(TOPICS[category])
    place = rng.choice(PLACES)
    day = first_day + datetime.timedelta(days=rng.randrange(days))
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(6, 23), rng.randrange(60)))
    paragraphs = tuple(
        " ".join(
            _fill(rng, rng.choice(SENTENCES), topic, place, day.year)
            for _ in range(rng.randint(2, 4))
        )
        for _ in range(rng.randint(4, 8))
    )
    summary = _fill(rng, rng.choice(SENTENCES[:3]), topic, place, day.year)
    other_topic = rng.choice(TOPICS[category])
    tags = tuple(dict.fromkeys((_tag(topic), place, _tag(other_topic))))[: rng.randint(2, 4)]
    with_photo = rng.randrange(PHOTO_EVERY) == 0
    return Article(
        title=_headline(rng, topic, place),
        date=moment,
        category=category,
        summary=summary,
        author=rng.choice(AUTHORS),
        tags=tags,
        paragraphs=paragraphs,
        photo=_photo_name(rng.randrange(PHOTOS)) if with_photo else None,
        caption=f"{_capitalised(topic)} tại {place}." if with_photo else None,
    )


def generate(
    n: int = 5000,
    seed: int = 1,
    first_day: datetime.date = FIRST_DAY,
    last_day: datetime.date = LAST_DAY,
) -> list[Article]:
    """``n`` articles dated between ``first_day`` and ``last_day``, oldest first."""
    rng = random.Random(seed)
    days = (last_day - first_day).days + 1
    articles = []
    for number in range(n):
        if number % FOLLOW_UP_EVERY == FOLLOW_UP_EVERY - 1:
            articles.append(_follow_up(rng, articles[-1]))
        else:
            articles.append(_article(rng, first_day, days))
    return sorted(articles, key=lambda article: article.date)


def draw_photo(number: int, size: tuple[int, int] = PHOTO_SIZE) -> Image.Image:
    """A deterministic stand-in for a news photo: sky, hills and a river in colour."""
    width, height = size
    rng = random.Random(number)
    photo = Image.new("RGB", size, (rng.randrange(120, 200), rng.randrange(160, 220), 235))
    draw = ImageDraw.Draw(photo)
    for layer in range(4):
        top = height * (0.35 + 0.12 * layer)
        ridge = [(0, height)] + [
            (x, top + rng.uniform(-0.08, 0.08) * height) for x in range(0, width + 100, 100)
        ]
        green = (40 + 30 * layer, 90 + 25 * layer + rng.randrange(30), 40 + 10 * layer)
        draw.polygon([*ridge, (width, height)], fill=green)
    draw.rectangle((0, int(height * 0.82), width, int(height * 0.9)), fill=(70, 110, 150))
    return photo


def write_corpus(out: str | Path, n: int = 5000, seed: int = 1, **dates) -> list[Path]:
    """Write ``generate(n, seed)`` as ``out/YYYY/MM/bai-NNNNNN.md`` and the photos they
    use as ``out/images/``; returns the articles' files."""
    out = Path(out)
    paths = []
    articles = generate(n, seed, **dates)
    used = {article.photo for article in articles}
    for number in range(PHOTOS):
        if _photo_name(number) in used:
            photo = out / _photo_name(number)
            photo.parent.mkdir(parents=True, exist_ok=True)
            draw_photo(number).save(photo, quality=85)
    for number, article in enumerate(articles, start=1):
        path = out / f"{article.date:%Y}" / f"{article.date:%m}" / f"bai-{number:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.markdown(), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="number of articles (5000)")
    parser.add_argument("--out", required=True, help="content folder to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed)
    print(f"{len(paths)} articles written under {args.out}")


if __name__ == "__main__":
    main()
