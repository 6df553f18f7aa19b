"""Reading articles: bytes to a Document with metadata and sentence offsets."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.ingest.reading import ArticleError, article_files, article_paths, read_text

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from briefing_tui.models import Document, Sentence

__all__ = ["ArticleError", "article_files", "article_paths", "content_hash", "document_id", "load_article", "parse_text"]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(path: str) -> str:
    """Ids follow the article's path inside the seeds folder, so they survive rebuilds."""
    from briefing_tui.models import stable_id

    return stable_id("doc", path)


def parse_text(text: str, path: str, *, digest: str = "", encoding: str = "utf-8",
               warnings: list[str] | None = None) -> tuple[Document, list[Sentence]]:
    """A normalised text as a Document and its sentences (pure: no I/O)."""
    # imported here, not with the package: the browser lists articles to see whether the
    # store is stale, and compiling the metadata patterns cost its start-up 17 ms (the
    # models: pydantic's import, a sixth of it)
    from briefing_tui.ingest.metadata import parse_metadata
    from briefing_tui.ingest.sentences import sentence_spans
    from briefing_tui.models import Document

    meta = parse_metadata(text)
    doc_id = document_id(path)
    document = Document(
        id=doc_id,
        path=path,
        title=meta.title,
        published=meta.published,
        source_url=meta.source_url,
        author=meta.author,
        text=text,
        content_hash=digest or content_hash(text.encode("utf-8")),
        encoding=encoding,
        excluded=sorted(set(meta.excluded)),
        warnings=[*(warnings or []), *meta.warnings],
    )
    # validated as one list: pydantic-core does that faster than model_construct (Python
    # code) does sentence by sentence, and a large article has hundreds of thousands
    sentences = _sentence_list().validate_python([
        {"doc_id": doc_id, "index": i, "paragraph": p, "start": s, "end": e, "text": text[s:e], "kind": kind}
        for i, (p, s, e, kind) in enumerate(sentence_spans(text, meta))
    ])
    if not any(s.kind == "body" for s in sentences):
        document.warnings.append("no article text found after removing metadata and boilerplate")
    return document, sentences


@cache
def _sentence_list() -> TypeAdapter[list[Sentence]]:
    """Made on first use: the browser imports this package without reading any article."""
    from pydantic import TypeAdapter

    from briefing_tui.models import Sentence

    return TypeAdapter(list[Sentence])


def load_article(path: Path, root: Path | None = None) -> tuple[Document, list[Sentence]]:
    """Read one article file; raises ArticleError when it cannot be used."""
    relative = path.relative_to(root).as_posix() if root else path.as_posix()
    decoded = read_text(path)
    return parse_text(decoded.text, relative, digest=decoded.digest, encoding=decoded.encoding,
                      warnings=decoded.warnings)
