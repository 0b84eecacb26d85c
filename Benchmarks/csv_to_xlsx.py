#!/usr/bin/env python3
"""Writes the twin of a canonical case export as an .xlsx workbook, the way Excel stores one:
every text in the shared string table, dates as serial numbers with a date or date-time format,
numbers as numbers, `collective` as booleans, one sheet, deflated. Streams, so a 1,000,000-row
export needs no more memory than its shared strings (openpyxl's write-only mode is far slower).

    python3 Benchmarks/csv_to_xlsx.py cases.csv cases.xlsx
"""
import csv
import datetime as dt
import sys
import zipfile
from xml.sax.saxutils import escape

EPOCH = dt.date(1899, 12, 30)
DATES = {"received", "first_contact", "closed"}
NUMBERS = {"birth_year", "support_minutes"}


def column(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(text):
    d = dt.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    days = (d - EPOCH).days
    if len(text) > 10:
        minutes = int(text[11:13]) * 60 + int(text[14:16])
        return repr(days + minutes / 1440), 2
    return str(days), 1


def main(src, dst):
    strings, index = [], {}

    def shared(text):
        i = index.get(text)
        if i is None:
            i = index[text] = len(strings)
            strings.append(text)
        return i

    with open(src, encoding="utf-8", newline="") as f, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        reader = csv.reader(f)
        header = next(reader)
        letters = [column(i) for i in range(len(header))]
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as sheet:
            out = []
            out.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
                       'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            out.append('<row r="1">' + "".join('<c r="%s1" t="s"><v>%d</v></c>' % (letters[i], shared(h))
                                              for i, h in enumerate(header)) + "</row>")
            r = 1
            for row in reader:
                r += 1
                cells = []
                for i, (name, value) in enumerate(zip(header, row)):
                    if value == "":
                        continue
                    ref = "%s%d" % (letters[i], r)
                    if name in DATES:
                        v, style = serial(value)
                        cells.append('<c r="%s" s="%d"><v>%s</v></c>' % (ref, style, v))
                    elif name in NUMBERS:
                        cells.append('<c r="%s"><v>%s</v></c>' % (ref, value))
                    elif name == "collective":
                        cells.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, value == "true"))
                    else:
                        cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, shared(value)))
                out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
                if len(out) >= 4096:
                    sheet.write("".join(out).encode())
                    out = []
            out.append("</sheetData></worksheet>")
            sheet.write("".join(out).encode())
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
                   'schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">' % len(strings)
                   + "".join("<si><t>%s</t></si>" % escape(s) for s in strings) + "</sst>")
        z.writestr("xl/styles.xml", '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
                   '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Hulpvragen" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="%ssharedStrings" Target="sharedStrings.xml"/>'
                   '<Relationship Id="rId3" Type="%sstyles" Target="styles.xml"/></Relationships>' % (rel, rel, rel))
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
    with zipfile.ZipFile(dst) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        print("sheet1.xml: %d bytes, packed %d (%.1f to 1); %d shared strings"
              % (info.file_size, info.compress_size, info.file_size / info.compress_size, len(strings)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
