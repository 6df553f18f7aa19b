"""Whatever users drop into seeds/: the build finishes, reports each problem file once, keeps good facts."""

from __future__ import annotations

import codecs
import re

import pytest

from briefing_tui.pipeline import build_store
from briefing_tui.query import load_index
from briefing_tui.report import print_build_report
from briefing_tui.store import load_tables

GOOD = ("Lima, March 4, 2024 – Peru's Foreign Minister Ana Rojas held talks with Chile's Foreign Minister "
        "Tomas Vidal.\n“Our trade grew by 12% in 2023,” said Rojas.\n")

RICH_MARKUP = "[bold red]alarm[/] [/] [link=file:///etc/passwd]x[/link] [@click=app.quit]quit[/]"
ESCAPES = ("\x1b[31mred\x1b[0m \x1b]52;c;aGVsbG8=\x07 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ "
           "\x1b[2J\x1b[H\x1b[10A\x1bc")
CONTROLS = "".join(chr(c) for c in range(0, 32) if chr(c) not in "\n\t\r") + "".join(chr(c) for c in range(0x7F, 0xA0))
BIDI = "\u202eevil\u202c \u2066iso\u2069 zero\u200bwidth\ufeff"
INJECTION = "# heading\n\n| table | x |\n|---|---|\n\n<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://x/i.png)"

HOSTILE: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": b"   \n\t\n \r\n  ",
    "binary.txt": bytes(range(256)) * 20,
    "cp1252.txt": ("Quito, May 2, 2024 – Ecuador’s minister met “partners” in Zürich.\n" + GOOD).encode("cp1252"),
    "latin1.txt": ("Genève, le 3 mai - Réunion à la légation des Açores, où l'été est doux.\n"
                   "Peru's minister said trade grew.\n").encode("latin-1"),
    "utf16.txt": codecs.BOM_UTF16_LE + ("Lomé talks\n\n" + GOOD).encode("utf-16-le"),
    "crlf.txt": GOOD.replace("\n", "\r\n").encode(),
    "long-line.txt": (("Peru and Chile talk. " * 2500) + "\n" + GOOD).encode(),
    "unbalanced.txt": ("“Trade will grow, said nobody.\n“Nested ‘quotes “inside” here’ too,” said Rojas.\n"
                       "He said \"this never closes.\n" + GOOD).encode(),
    "markup.txt": (f"{RICH_MARKUP}\n\n“{RICH_MARKUP},” said Minister Ana Rojas.\n" + GOOD).encode(),
    "escapes.txt": (f"Title {ESCAPES}\n\n{ESCAPES} Peru met Chile.\n" + GOOD).encode(),
    "controls.txt": (f"Controls {CONTROLS} here.\n" + GOOD).encode(),
    "bidi.txt": (f"{BIDI} Peru met Chile.\n" + GOOD).encode(),
    "injection.md": (INJECTION + "\n\n" + GOOD).encode(),
}
UNUSABLE = {"empty.txt", "whitespace.txt", "binary.txt"}
# A 20 MB article as an archive dump would be: long stretches of ordinary prose with a
# reported fact now and then (GOOD, with its quote, once in every block).
PROSE = ("The delegation spent the afternoon in the old quarter of the city, where traders sold spices, "
         "textiles and carpets. The programme went on late into the evening, and the talks about roads, "
         "schools and the harvest were long.\n\n")
HUGE_BLOCK = PROSE * 30 + GOOD + "\n"
HUGE_BLOCKS = 20 * 1024 * 1024 // len(HUGE_BLOCK.encode()) + 1


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in HOSTILE.items():
        (seeds / name).write_bytes(data)
    (seeds / "huge.txt").write_bytes((HUGE_BLOCK * HUGE_BLOCKS).encode())
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    store = root / "store.json"
    return seeds, store, build_store(seeds, store)


def test_the_build_finishes_and_skips_only_unusable_files(hostile_build):
    seeds, store, report = hostile_build
    assert sorted(p for p, _ in report.failures) == sorted(UNUSABLE)
    assert report.documents == len(HOSTILE) - len(UNUSABLE) + 2


def test_each_problem_file_is_named_once_in_the_summary(hostile_build, capsys: pytest.CaptureFixture[str]):
    _, _, report = hostile_build
    print_build_report(report)
    out = capsys.readouterr().out
    for name in (*UNUSABLE, "cp1252.txt", "escapes.txt", "controls.txt", "bidi.txt"):
        assert len(re.findall(rf"^\s+{re.escape(name)}:", out, re.MULTILINE)) == 1, (name, out)
    assert "[bold red]" not in out


def test_stored_text_carries_no_escapes_controls_or_bidi(hostile_build):
    _, store, _ = hostile_build
    for document in load_tables(store)["documents"]:
        text = document["text"]
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]", text), document["path"]


def test_good_facts_survive_next_to_bad_files(hostile_build):
    _, store, _ = hostile_build
    index = load_index(store)
    huge = next(d for d in index.documents.values() if d.path == "huge.txt")
    assert len(huge.text) > 20_000_000
    assert sum(q.doc_id == huge.id for q in index.quotes) == HUGE_BLOCKS, "every quote of the 20 MB article"
    good = next(d for d in index.documents.values() if d.path == "good.txt")
    assert good.published == "2024-03-04"
    by_doc = {d.path: d for d in index.documents.values()}
    assert by_doc["cp1252.txt"].warnings[0].startswith("not UTF-8")
    assert "Ecuador’s minister met “partners” in Zürich" in by_doc["cp1252.txt"].text
    assert "Lomé talks" in by_doc["utf16.txt"].text
    assert "Réunion à la légation des Açores" in by_doc["latin1.txt"].text
    assert "\r" not in by_doc["crlf.txt"].text


def test_markup_in_articles_is_kept_as_literal_text(hostile_build):
    _, store, _ = hostile_build
    index = load_index(store)
    markup = next(d for d in index.documents.values() if d.path == "markup.txt")
    assert RICH_MARKUP in markup.text
