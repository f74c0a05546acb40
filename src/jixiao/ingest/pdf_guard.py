"""A PDF's streams measured before any parser inflates them (issue 15 §2: a 1.5 MB file whose
content stream inflates to gigabytes took a server to 3.2 GB; only the file's size and page count
were checked).

Every stream a text reader would inflate — page contents, forms, fonts, object and cross-reference
streams — is inflated here first, in bounded steps, without keeping what it yields, and the total is
held to MAX_INFLATED_BYTES. Images are skipped: reading text never decodes them. A stream is found
by its `stream` keyword and measured when its data is zlib's (FlateDecode, the filter nearly every
PDF uses); in an encrypted PDF that opens without a password, each stream is deciphered first
(pdfminer's security handlers, as the previous reader used)."""

from __future__ import annotations

import io
import re
import zlib
from bisect import bisect_right

from ..model import Location
from .budget import MAX_INFLATED_BYTES, over_budget

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_ENCRYPT = re.compile(rb"/Encrypt\b")
_STEP = 1 << 16     # compressed bytes fed at a time
_OUT = 1 << 20      # inflated bytes taken at a time (and dropped): memory stays at a megabyte


def _zlib_header(data: bytes, start: int) -> bool:
    if start + 2 > len(data):
        return False
    cmf, flg = data[start], data[start + 1]
    return cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0


def _inflated(data: bytes, start: int, left: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, counting at most `left` + 1."""
    inflater = zlib.decompressobj()
    produced = 0
    position = start
    try:
        while not inflater.eof and position < len(data) and produced <= left:
            chunk = data[position:position + _STEP]
            position += len(chunk)
            produced += len(inflater.decompress(chunk, min(_OUT, left + 1 - produced)))
            while inflater.unconsumed_tail and produced <= left:
                produced += len(inflater.decompress(inflater.unconsumed_tail, min(_OUT, left + 1 - produced)))
    except zlib.error:
        pass  # a damaged stream inflates no further here than in any reader
    return produced


def check_streams(data: bytes, location: Location, limit: int = MAX_INFLATED_BYTES) -> bool:
    """Raise InputError (file-over-budget) once the PDF's non-image streams inflate past `limit`.
    False when the PDF is encrypted and its streams cannot be deciphered without a password (it is
    then refused by whoever opens it, before anything is inflated)."""
    objects = [(match.start(), match) for match in _OBJECT.finditer(data)]
    starts = [position for position, _ in objects]
    total = 0
    sealed = []   # streams whose data is not zlib's as stored: encrypted, or not compressed
    for match in _STREAM.finditer(data):
        start = match.end()
        index = bisect_right(starts, match.start()) - 1
        header = objects[index][1] if index >= 0 else None
        if _IMAGE.search(data[header.end():match.start()] if header is not None else b""):
            continue
        if _zlib_header(data, start):
            total += _inflated(data, start, limit - total)
            if total > limit:
                raise over_budget("inflated", limit, location)
        elif header is not None:
            sealed.append((header, start))
    if not sealed or not _ENCRYPT.search(data):
        return True
    # Deciphered only now: pdfminer's document reads the cross-reference streams just measured.
    decipher = _decipher(data)
    if decipher is None:
        return False
    for header, start in sealed:
        end = data.find(b"endstream", start)
        raw = data[start:end if end >= 0 else len(data)].rstrip(b"\r\n")
        try:
            plain = decipher(int(header.group(1)), int(header.group(2)), raw)
        except Exception:  # noqa: BLE001 - a stream the handler cannot decipher is decoded by no reader
            continue
        if _zlib_header(plain, 0):
            total += _inflated(plain, 0, limit - total)
            if total > limit:
                raise over_budget("inflated", limit, location)
    return True


def _decipher(data: bytes):
    """pdfminer's decryption of a stream (objid, genno, data) for a PDF that opens with the empty
    password; None when it does not (then the PDF is refused as protected before anything is
    inflated)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - pdfminer raises many types on protected or damaged files
        return None
    decipher = getattr(document, "decipher", None)
    if decipher is None:
        return None
    return lambda objid, genno, raw: decipher(objid, genno, raw, {})


__all__ = ["check_streams"]
