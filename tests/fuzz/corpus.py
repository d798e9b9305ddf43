"""A seeded corpus of hostile inputs for ingestion, plus the ten good reports in ``good/``.

:func:`build_corpus` writes the same files for the same seed: every category the issue names
(empty and binary files, broken encodings, NUL bytes, a 20 MB line, deeply nested and hostile
HTML, JSONL of the wrong shape, malformed and entity-laden feeds, truncated and garbage PDFs).
Most bad inputs are mutations of the good reports, so that what survives a mutation still holds
report text. Every text here was written for these tests.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .formats import atom_feed, html_page, pdf_document, rss_feed

GOOD = Path(__file__).with_name("good")
SUFFIXES = (".txt", ".md", ".html", ".jsonl", ".rss", ".atom", ".xml", ".pdf")
MB = 1024 * 1024
#: How each good report is written into the corpus, by its file's number.
GOOD_FORMS = {1: "txt", 2: "txt", 3: "md", 4: "md", 5: "html", 6: "html", 7: "jsonl", 8: "rss", 9: "atom", 10: "pdf"}
HOSTILE_URLS = (
    "javascript:alert(document.cookie)",
    " JaVaScRiPt:window.__pwned=1",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/scheme-relative",
    "relative/page.html",
    "https:/\\evil.example",
)


@dataclass(slots=True)
class Corpus:
    """What was written: the good reports (file name -> a sentence each must keep) and the bad inputs."""

    folder: Path
    good: dict[str, str] = field(default_factory=dict)
    bad: dict[str, str] = field(default_factory=dict)  # file name -> category

    @property
    def count(self) -> int:
        """Return how many inputs were written."""
        return len(self.good) + len(self.bad)


def good_texts() -> list[str]:
    """Return the ten good reports' texts, in file order."""
    return [path.read_text(encoding="utf-8") for path in sorted(GOOD.glob("*.*"))]


def marker(text: str) -> str:
    """Return the sentence of a report that its stored text must hold (its longest paragraph's first)."""
    body = max(text.split("\n\n"), key=len)
    return " ".join(body.split(". ")[0].split())


def good_file(number: int, text: str) -> tuple[str, bytes]:
    """Return the suffix and bytes of good report ``number`` in its corpus form."""
    title = text.split("\n", 1)[0].lstrip("# ").strip()
    body = text.split("\n", 1)[1].strip()
    link = f"https://news.example/reports/{number}"
    form = GOOD_FORMS[number]
    if form in ("txt", "md"):
        return f".{form}", text.encode("utf-8")
    if form == "html":
        return ".html", html_page(title, body).encode("utf-8")
    if form == "jsonl":
        line = {"id": f"good-{number}", "title": title, "text": body, "published": "2024-01-02", "url": link}
        return ".jsonl", (json.dumps(line) + "\n").encode("utf-8")
    if form == "rss":
        return ".rss", rss_feed([(title, link, body)]).encode("utf-8")
    if form == "atom":
        return ".atom", atom_feed([(title, link, body)]).encode("utf-8")
    return ".pdf", pdf_document(title, body)


# -- the bad inputs, one generator per category ---------------------------------------------------
Maker = Callable[[random.Random, list[str]], tuple[str, bytes]]


def _text(rng: random.Random, texts: list[str]) -> str:
    """Return a good report with its sentences shuffled, so each mutation has its own content."""
    text = rng.choice(texts)
    head, body = text.split("\n", 1)
    sentences = body.replace("\n", " ").split(". ")
    rng.shuffle(sentences)
    return head + "\n\n" + ". ".join(s.strip() for s in sentences if s.strip())


def empty(rng: random.Random, _texts: list[str]) -> tuple[str, bytes]:
    return rng.choice(SUFFIXES), rng.choice([b"", b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"\xff\xfe"])


def binary(rng: random.Random, _texts: list[str]) -> tuple[str, bytes]:
    size = rng.choice([1, 7, 300, 5000, 70_000])
    data = rng.randbytes(size)
    if rng.random() < 0.3:  # a plausible header over garbage
        data = rng.choice([b"%PDF-1.7\n", b"<?xml version='1.0'?>", b"<html>", b'{"id": ', b"\x89PNG\r\n"]) + data
    return rng.choice(SUFFIXES), data


def invalid_utf8(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    data = bytearray(_text(rng, texts).encode("utf-8"))
    for _ in range(rng.randint(1, 12)):
        data[rng.randrange(len(data))] = rng.choice([0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xFE, 0xFF])
    suffix = rng.choice([".txt", ".md", ".html", ".jsonl", ".rss"])
    if suffix == ".html":
        data = b"<html><body><p>" + bytes(data) + b"</p></body></html>"
    elif suffix == ".jsonl":
        data = b'{"id": "bad-utf8", "text": "' + bytes(data).replace(b'"', b"'").replace(b"\n", b" ") + b'"}\n'
    elif suffix == ".rss":
        data = rss_feed([("t", "https://news.example/x", "PLACEHOLDER")]).encode("utf-8").replace(b"PLACEHOLDER", data)
    return suffix, bytes(data)


def utf16(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    suffix = rng.choice([".txt", ".md", ".html", ".jsonl"])
    if suffix == ".html":
        text = html_page(text.split("\n", 1)[0], text.split("\n", 1)[1])
    elif suffix == ".jsonl":
        text = json.dumps({"id": "utf16", "text": text}) + "\n"
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])  # plain utf-16/32 write a BOM
    return suffix, text.encode(codec)


def nul_bytes(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    text = (text + "\n\n") * rng.choice([1, 1, 30])  # long copies put NULs beyond the first 8 KB too
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 5)):
        data.insert(rng.randrange(len(data)), 0)
    suffix = rng.choice([".txt", ".md", ".html", ".jsonl", ".xml"])
    if suffix == ".jsonl":
        escaped = json.dumps({"id": "nul", "text": text.replace("report", "re\u0000port"), "title": "a\u0000b"})
        return suffix, (escaped + "\n").encode("utf-8")
    return suffix, bytes(data)


def control_chars(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    chars = list(_text(rng, texts))
    for _ in range(rng.randint(1, 60)):
        chars.insert(rng.randrange(len(chars)), chr(rng.choice([1, 2, 7, 8, 11, 27, 127, 0x85, 0x200E, 0x202E])))
    return rng.choice([".txt", ".md"]), "".join(chars).encode("utf-8")


def malformed_html(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    page = html_page(text.split("\n", 1)[0], text.split("\n", 1)[1])
    kind = rng.randrange(7)
    if kind == 0:
        page = page[: rng.randrange(1, len(page))]  # truncated anywhere
    elif kind == 1:
        page = page.replace(">", "", rng.randint(1, 20))  # tags that never close
    elif kind == 2:
        page = page.replace("<p>", "<p><!-- never closed ", 1)
    elif kind == 3:
        page = "".join(
            rng.choice(["<", ">", "</", "<div", "<p ", '"', "'", "=", "&", "&#", ";"]) + w for w in page.split()
        )
    elif kind == 4:
        page = page.replace("</p>", "</div></span></table>").replace("<p>", "<td><tr><li>")
    elif kind == 5:
        page = "<" + text  # a lone '<': markup found, none parseable
    else:
        page = page.replace("<html", "<![CDATA[ <html").replace("</body>", "]]></body>")
    return rng.choice([".html", ".htm", ".xhtml"]), page.encode("utf-8")


HOSTILE_MARKUP = (
    "<script>window.__pwned = 1; alert(document.cookie)</script>",
    "<script src='https://evil.example/x.js'></script>",
    "<iframe src='javascript:alert(1)'></iframe>",
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=\"window.__pwned=1\"><circle r='4'/></svg>",
    '<a href="javascript:window.__pwned=1">read more</a>',
    '<body onload="alert(1)">',
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<base href='javascript:alert(1)//'>",
    "<object data='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='></object>",
    "<form action='javascript:alert(1)'><button>go</button></form>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
)


def hostile_html(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    pieces = rng.sample(HOSTILE_MARKUP, rng.randint(1, 5))
    head = "".join(p for p in pieces if p.startswith(("<meta", "<base", "<script")))
    extra = "".join(p for p in pieces if not p.startswith(("<meta", "<base")))
    page = html_page(
        text.split("\n", 1)[0] + rng.choice(["", "<script>alert(1)</script>"]), text.split("\n", 1)[1], head, extra
    )
    return ".html", page.encode("utf-8")


def deep_html(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    tag = rng.choice(["div", "span", "b", "table", "p", "section"])
    depth = 10_000
    text = _text(rng, texts).replace("\n", " ")
    closing = f"</{tag}>" * depth if rng.random() < 0.5 else ""  # unclosed half the time
    return ".html", (f"<html><body>{f'<{tag}>' * depth}<p>{text}</p>{closing}</body></html>").encode()


def huge_line(rng: random.Random, texts: list[str], variant: int) -> tuple[str, bytes]:
    """Return one of the 20 MB single-line inputs (``variant`` picks the format)."""
    words = _text(rng, texts).replace("\n", " ") + " "
    if variant == 0:  # just over the file size limit
        return ".txt", (words * (20 * MB // len(words) + 1)).encode("utf-8")[: 20 * MB]
    if variant == 1:  # just under it: read, then refused for its length
        return ".md", (words * (19_900_000 // len(words))).encode("utf-8")
    if variant == 2:  # JSONL is read line by line, without the file size limit
        return ".jsonl", (json.dumps({"id": "huge", "text": words * (20 * MB // len(words))}) + "\n").encode("utf-8")
    if variant == 3:
        return ".html", html_page("Huge", words * (19_800_000 // len(words))).replace("\n", " ").encode("utf-8")
    return ".rss", rss_feed([("Huge", "https://news.example/huge", words * (19_800_000 // len(words)))]).encode()


def jsonl_wrong(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    wrong: list[object] = [None, 42, 3.5, True, [], ["a", "b"], {}, {"text": text}, "", "   ", float("nan")]
    dates = ["2016-02-30", "0000-00-00", "9999-99-99", "2016-13-01", "-001-01-01", "yesterday", "2016-06-31T25:61",
             "99999-01-01", "", "2016", "20160625", "2016-06-25T10:00:00+99:00", "\u0000"]  # fmt: skip
    lines: list[str] = []
    for n in range(rng.randint(1, 6)):
        kind = rng.randrange(12)
        doc: dict[str, object] = {"id": f"w{n}", "text": text, "published": "2024-01-03"}
        if kind == 0:
            doc["text"] = rng.choice(wrong)
        elif kind == 1:
            doc.pop(rng.choice(["text", "id", "published"]))
        elif kind == 2:
            doc["published"] = rng.choice([*dates, *wrong[:6]])
        elif kind == 3:
            doc[rng.choice(["title", "url", "source"])] = rng.choice(wrong)
        elif kind == 4:
            doc["id"] = rng.choice(wrong)
        elif kind == 5:
            doc["url"] = rng.choice(HOSTILE_URLS)
            doc["title"] = "<script>alert(1)</script>" + text.split("\n", 1)[0]
        elif kind == 6:
            doc["text"] = text[:40] + "\ud800" + text[40:]  # a lone surrogate (json.dumps writes it escaped)
            doc["title"] = "\udfff"
        elif kind == 7:
            doc["title"] = "nul\u0000title"
            doc["source"] = "src\u0000"
            doc["id"] = "id\u0000x"
        if kind == 8:
            lines.append(
                rng.choice(["[1, 2, 3]", '"just a string"', "42", "null", "true", "{", '{"id": "x", "text": '])
            )
        elif kind == 9:
            depth = rng.choice([1000, 100_000])
            lines.append('{"id": "deep", "text": ' + "[" * depth + "]" * depth + "}")
        elif kind == 10:
            lines.append(json.dumps(doc) + rng.choice(["garbage", "}", " {}", ", 1"]))
        elif kind == 11:
            flat = text.replace("\n", " ").replace('"', "")
            big = rng.choice(["1e999", "9" * 5000, "-0", "1.5"])  # inf, an integer Python refuses to parse
            lines.append('{"id": "num", "text": "' + flat + '", "published": ' + big + "}")
        else:
            lines.append(json.dumps(doc, allow_nan=True))
    data = "\n".join(lines) + rng.choice(["\n", "", "\r\n", "\n\n\n"])
    prefix = rng.choice(["", "", "\ufeff"])
    return ".jsonl", (prefix + data).encode("utf-8")


def feed_malformed(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    title, body = text.split("\n", 1)
    make = rng.choice([rss_feed, atom_feed])
    feed = make([(title, rng.choice(["https://news.example/a", *HOSTILE_URLS]), body.strip())])
    kind = rng.randrange(7)
    if kind == 0:
        feed = feed[: rng.randrange(1, len(feed))]
    elif kind == 1:
        feed = feed.replace("</channel>", "").replace("</feed>", "</fed>")
    elif kind == 2:
        feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>No items</title></channel></rss>'
    elif kind == 3:
        feed = feed.replace("<description>", "<description><![CDATA[<script>alert(1)</script>").replace(
            "</description>", "]]></description>"
        )
    elif kind == 4:
        feed = feed.replace('encoding="utf-8"', 'encoding="utf-16"')
    elif kind == 5:
        feed = "<rss><channel><item><title>" + "<b>" * 5000 + "</title></item></channel></rss>"
    else:
        feed = feed.replace("<", "&lt;", rng.randint(1, 8))
    return rng.choice([".rss", ".atom", ".xml"]), feed.encode("utf-8", "surrogatepass")


def feed_entities(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    title, body = text.split("\n", 1)
    kind = rng.randrange(5)
    if kind == 0:  # billion laughs
        defs = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
        )
        prolog, ref = f"<!DOCTYPE rss [{defs.replace('&lol0;', '&lol;')}]>", "&lol9;"
    elif kind == 1:  # quadratic blowup
        prolog, ref = f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>', "&a;" * 2000
    elif kind == 2:
        prolog, ref = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"
    elif kind == 3:
        prolog, ref = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>', "&xxe;"
    else:
        prolog = '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
        ref = ""
    feed = rss_feed([(title, "https://news.example/e", body.strip() + " ENTITY")], prolog).replace("ENTITY", ref)
    return rng.choice([".rss", ".xml"]), feed.encode("utf-8")


@cache
def deflate_bomb(size: int = 300 * MB) -> bytes:
    """Return ``size`` zero bytes deflated (about a thousandth of it), compressed a chunk at a time."""
    packer = zlib.compressobj(9)
    chunk = bytes(MB)
    return b"".join(packer.compress(chunk) for _ in range(size // MB)) + packer.flush()


def pdf_broken(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    text = _text(rng, texts)
    good = pdf_document(text.split("\n", 1)[0], text.split("\n", 1)[1])
    kind = rng.randrange(9)
    if kind == 0:
        data = good[: rng.randrange(1, len(good))]
    elif kind == 1:
        data = bytearray(good)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    elif kind == 2:
        data = b"%PDF-1." + bytes([rng.randrange(48, 58)]) + b"\n" + rng.randbytes(rng.choice([0, 10, 5000]))
    elif kind == 3:
        data = good.replace(b"/Kids [3 0 R]", b"/Kids [2 0 R]")  # a page tree that contains itself
    elif kind == 4:
        data = good.replace(b"/Parent 2 0 R", b"/Parent 3 0 R").replace(b"/Root 1 0 R", b"/Root 3 0 R")
    elif kind == 5:  # a deflate bomb: 300 MB of zeros in one content stream
        bomb = deflate_bomb()
        data = pdf_document(
            "Bomb",
            text,
            extra_objects=[b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"],
        )
        data = data.replace(b"/Contents 5 0 R", b"/Contents [5 0 R 7 0 R]")
    elif kind == 6:
        data = good.replace(b"<< /Title", b"<< /Nested " + b"[" * 20_000 + b"]" * 20_000 + b" /Title")
    elif kind == 7:
        data = good.replace(b"startxref\n", b"startxref\n9").replace(b"xref\n0", b"xref\n-5")
    else:
        data = good.replace(b"/Count 1", b"/Count 99999999").replace(b"/Length ", b"/Length 9")
    return ".pdf", data


MAKERS: dict[str, tuple[Maker, int]] = {
    # category -> (generator, weight)
    "empty": (empty, 4),
    "binary": (binary, 8),
    "invalid-utf8": (invalid_utf8, 8),
    "utf16": (utf16, 8),
    "nul": (nul_bytes, 6),
    "control": (control_chars, 4),
    "malformed-html": (malformed_html, 12),
    "hostile-html": (hostile_html, 12),
    "jsonl": (jsonl_wrong, 14),
    "feed": (feed_malformed, 8),
    "feed-entities": (feed_entities, 5),
    "pdf": (pdf_broken, 11),
}
#: Inputs too costly to draw at random: a fixed number of each, whatever the corpus size.
FIXED = {"huge-line": 5, "deep-html": 6}


def build_corpus(folder: Path, seed: int = 0, count: int = 1000, *, costly: bool = True) -> Corpus:
    """Write the ten good reports and ``count`` bad inputs (seeded) into ``folder``; return what was written.

    ``costly=False`` leaves out the 20 MB lines and the deeply nested pages.
    """
    rng = random.Random(seed)
    texts = good_texts()
    corpus = Corpus(folder)
    (folder / "good").mkdir(parents=True, exist_ok=True)
    (folder / "bad").mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts, 1):
        suffix, data = good_file(number, text)
        name = f"good/{number:02d}{suffix}"
        (folder / name).write_bytes(data)
        corpus.good[name] = marker(text)
    plan: list[str] = [kind for kind, n in FIXED.items() for _ in range(n)] if costly else []
    names = list(MAKERS)
    weights = [MAKERS[k][1] for k in names]
    plan += names  # every category at least once
    plan += rng.choices(names, weights, k=max(0, count - len(plan)))
    for index, kind in enumerate(plan[:count]):
        if kind == "huge-line":
            suffix, data = huge_line(rng, texts, index % FIXED["huge-line"])
        elif kind == "deep-html":
            suffix, data = deep_html(rng, texts)
        else:
            suffix, data = MAKERS[kind][0](rng, texts)
        name = f"bad/{index:04d}-{kind}{suffix}"
        (folder / name).write_bytes(data)
        corpus.bad[name] = kind
    return corpus
