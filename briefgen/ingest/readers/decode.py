"""Bytes to text for plain-text sources: UTF-8, a byte-order mark, or a declared encoding.

Nothing is guessed silently. A file with a byte-order mark (UTF-8, UTF-16, UTF-32) says
its encoding and is decoded by it; any other file must be UTF-8 unless its catalogue
entry declares an `encoding`. A file that is neither is refused with the encoding it
most likely is and how to fix it, so a brief never quotes mojibake. A binary file named
like text (an image, an archive) is refused as what it is.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from briefgen.errors import SourceError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of formats people drop into a folder by mistake.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%PDF-", "a PDF; rename it to .pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
_SNIFF_BYTES = 8192  # a NUL byte this early means binary, as git and grep decide


def decode_text(path: Path, data: bytes, encoding: str | None = None) -> str:
    """The text of a plain-text source; raises SourceError naming the file, line and fix.

    A byte-order mark is dropped, so the text starts with the first real character.
    """
    if encoding is not None:
        return _decode_declared(path, data, encoding)
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_declared(path, data[len(mark) :], codec)
    _refuse_binary(path, data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(_not_utf8_message(path, data, exc)) from exc


def _decode_declared(path: Path, data: bytes, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
        # The -sig codec drops a UTF-8 byte-order mark; the UTF-16/32 codecs drop theirs.
        return data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except LookupError as exc:
        raise SourceError(f"{path}: unknown encoding '{encoding}'") from exc
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start, encoding)
        raise SourceError(
            f"{path}:{line}: not valid {encoding} (at byte offset {exc.start}): {exc.reason}"
        ) from exc


def _refuse_binary(path: Path, data: bytes) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise SourceError(f"{path}: this is {kind}, not text; remove it from the corpus")
    head = data[:_SNIFF_BYTES]
    if head.count(b"\x00") * 3 > len(head):  # every other byte NUL: 16-bit text
        order = "le" if head[1::2].count(0) > head[0::2].count(0) else "be"
        raise SourceError(
            f"{path}: looks like UTF-16 text without a byte-order mark; re-save it as UTF-8, "
            f"or declare it in the file's catalogue entry: `encoding: utf-16-{order}`"
        )
    if b"\x00" in head:
        raise SourceError(
            f"{path}: binary data, not text (NUL bytes near the start); "
            "remove it from the corpus, or save it as UTF-8 text"
        )


def _not_utf8_message(path: Path, data: bytes, exc: UnicodeDecodeError) -> str:
    line = _line_at(data, exc.start, "utf-8")
    likely = _likely_legacy_encoding(data)
    return (
        f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
        f"it looks like {likely}. Re-save it as UTF-8 (iconv -f {likely} -t UTF-8), or "
        f"declare it in the file's catalogue entry: `encoding: {likely}`"
    )


def _likely_legacy_encoding(data: bytes) -> str:
    """windows-1252 if the bytes use its printable 0x80-0x9f range (curly quotes, dashes),
    else latin-1: the two encodings a non-UTF-8 Western text file is usually in."""
    try:
        data.decode("windows-1252")
    except UnicodeDecodeError:
        return "latin-1"
    if any(0x80 <= byte <= 0x9F for byte in data):
        return "windows-1252"
    return "latin-1"


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    """The 1-based line of a byte offset, newlines counted in the file's own encoding."""
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1
