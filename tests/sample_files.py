"""Builders of small document files (docx, a PDF with a real text layer) for
reader and robustness tests: made in the tests, nothing binary is committed."""
from __future__ import annotations

import io


def make_docx(paragraphs: list[str], title: str = "") -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.core_properties.title = title
    document.core_properties.author = "Administrator"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(lines: list[str], cjk: bool = False) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica, or CJK via a ToUnicode CMap)."""
    if cjk:
        font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
                b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>")
        ops = b"".join(b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj 0 -20 Td " for line in lines)
    else:
        font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        ops = b"".join(b"(" + line.encode("ascii") + b") Tj 0 -20 Td " for line in lines)
    content = b"BT /F1 12 Tf 72 720 Td " + ops + b"ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    if cjk:
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
                b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
                b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
                b"1 beginbfrange <0000> <FFFF> <0000> endbfrange "
                b"endcmap CMapName currentdict /CMap defineresource pop end end")
        objs += [
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R "
            b"/CIDToGIDMap /Identity >>",
            b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
            b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 0 1000 1000] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    xref = []
    for i, body in enumerate(objs, 1):
        xref.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in xref))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, start))
    return out.getvalue()
