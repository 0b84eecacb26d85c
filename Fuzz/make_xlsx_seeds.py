#!/usr/bin/env python3
"""Writes the seed corpus of the xlsx fuzz target (Fuzz/corpus/xlsx/). Byte 0 of each seed is the
target's selector (see Fuzz/XLSXReaderFuzz.swift): mode in bits 0-1, chunk size in bits 4-7."""
import io, os, zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "xlsx")
os.makedirs(OUT, exist_ok=True)

SHEET = ('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>a&amp;b</t></is></c></row>'
         '<row r="3"><c r="A3" s="1"><v>45356</v></c><c r="B3" s="2"><v>45356.6</v></c><c r="C3" t="b"><v>1</v></c>'
         '<c r="D3" t="e"><v>#N/A</v></c><c r="E3"><f>SUM(E1:E2)</f><v>3</v></c><c r="F3" t="d"><v>2024-03-05T14:30:00</v></c></row>'
         '</sheetData></worksheet>')


def workbook(compress, date1904=False):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compress) as z:
        z.writestr("_rels/.rels", '<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<workbook><workbookPr%s/><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>'
                   % (' date1904="1"' if date1904 else ""))
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="r1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="r2" Type="x/sharedStrings" Target="sharedStrings.xml"/>'
                   '<Relationship Id="r3" Type="x/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", "<sst><si><t>case_id</t></si></sst>")
        z.writestr("xl/styles.xml", '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="d-m-yyyy h:mm"/></numFmts>'
                   '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        z.writestr("xl/worksheets/sheet1.xml", SHEET)
    return b.getvalue()


def seed(name, selector, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([selector]) + data)


seed("workbook-stored", 0, workbook(zipfile.ZIP_STORED))
seed("workbook-deflated", 1, workbook(zipfile.ZIP_DEFLATED))
seed("workbook-1904", 0, workbook(zipfile.ZIP_STORED, True))
seed("ods", 0, b"PK\x03\x04" + b"\x00" * 26 + b"mimetype")
seed("ole", 0, bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + "EncryptedPackage".encode("utf-16-le"))
seed("sheet-chunk1", 0x02, SHEET.encode())
seed("sheet-chunk7-1904", 0x66, SHEET.encode())
seed("sheet-prefixed", 0x32, b'<x:worksheet><x:sheetData><x:row><x:c><x:v>1E-3</x:v></x:c><!-- c --><x:c t="inlineStr"><x:is><x:t><![CDATA[<a>]]></x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>')
seed("sst-rich", 0x13, b'<sst><si><r><t xml:space="preserve"> a </t></r><r><t>b_x000D_</t></r><rPh><t>x</t></rPh></si><si/></sst>')
seed("styles", 0x27, b'<styleSheet><numFmts><numFmt numFmtId="165" formatCode="[h]:mm;&quot;x&quot;"/></numFmts><cellXfs><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>')
print(sorted(os.listdir(OUT)))
