#!/usr/bin/env python3
"""Writes the test workbooks in Tests/NoaberImportTests/Workbooks/ from the bundled CSV exports.

Each workbook is the *twin* of a bundled export: the same rows, typed the way a village's own
Excel sheet types them (real dates with a date format, numbers, booleans), plus what such a sheet
has around its data (a title above the header, a totals row under it, a second sheet). The Swift
tests (WorkbookImportTests) import each workbook and its CSV twin and require the same cases, the
same counts and the same metrics.

The sheets are written by openpyxl (pinned in Tests/reference/requirements.txt). openpyxl writes
every text as an inline string and no cached value for a formula; Excel writes shared strings and
caches every formula's result. Where a workbook should look like Excel's, this script rewrites the
saved XML accordingly (`to_shared_strings`, `cache_formulas`): that is the only post-processing.

    python3 Tests/NoaberImportTests/Fixtures/make_workbooks.py

Test-only: noaber never needs Python or openpyxl.
"""
import csv
import datetime as dt
import io
import os
import re
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "Tests", "NoaberImportTests", "Workbooks")
EXPORTS = os.path.join(ROOT, "Datasets", "exports")

DATE_FIELDS = {"received", "first_contact", "closed", "date", "registration_start", "ondersteuner_start"}
NUMBER_FIELDS = {"support_minutes", "hours", "birth_year", "inhabitants", "inhabitants_75plus",
                 "paid_hours_per_week", "cost_per_year_eur"}


def read_csv(name, encoding, delimiter):
    with open(os.path.join(EXPORTS, name) if not name.startswith("/") else name, encoding=encoding, newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def parse_date(text, order):
    """A CSV date as the importer reads it: ISO, d-m-yyyy( h:mm) or an Excel serial (minutes rounded)."""
    t = text.strip()
    if not t:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", t)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        try:
            return (dt.datetime(y, mo, d, int(m[4]), int(m[5])) if m[4] else dt.date(y, mo, d))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})(?: (\d{1,2}):(\d{2}))?", t)
    if m and order == "dmy":
        try:
            if m[4]:
                return dt.datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4]), int(m[5]))
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{5})(?:\.(\d+))?", t)
    if m:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(m[1]))
        if not m[2]:
            return day
        minutes = round(float("0." + m[2]) * 1440)
        return dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=minutes)
    return None


def parse_number(text, comma):
    t = text.strip()
    if not t:
        return None
    if comma:
        if "." in t:
            return None
        t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return int(v) if v == int(v) and "." not in t else v


def typed(value, field, order, comma, booleans):
    """The cell a village's sheet would hold for a CSV value, or the text itself when it does not parse."""
    if field in DATE_FIELDS:
        d = parse_date(value, order)
        return value if d is None and value.strip() else d
    if field in NUMBER_FIELDS:
        n = parse_number(value, comma)
        return value if n is None and value.strip() else n
    if field == "collective" and booleans and value.strip().lower() in booleans:
        return booleans[value.strip().lower()]
    return value if value != "" else None


def write_rows(ws, header, rows, fields, first_row, order, comma, booleans, date_format, datetime_format,
               custom_formats=None):
    custom_formats = custom_formats or {}
    for c, h in enumerate(header, start=1):
        ws.cell(row=first_row, column=c, value=h)
    for r, row in enumerate(rows, start=first_row + 1):
        for c, (value, field) in enumerate(zip(row, fields), start=1):
            v = typed(value, field, order, comma, booleans)
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = datetime_format
            elif isinstance(v, dt.date):
                cell.number_format = custom_formats.get(field, date_format)


def to_shared_strings(path):
    """Moves every inline string into xl/sharedStrings.xml, as Excel stores text."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strings, index = [], {}

    def shared(m):
        text = m.group(3)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2) or "", index[text])

    pattern = re.compile(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>')
    for n in list(parts):
        if n.startswith("xl/worksheets/sheet"):
            parts[n] = pattern.sub(shared, parts[n].decode()).encode()
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
           % (len(strings), len(strings))]
    for s in strings:
        space = ' xml:space="preserve"' if s != s.strip() else ""
        sst.append("<si><t%s>%s</t></si>" % (space, s))
    sst.append("</sst>")
    parts["xl/sharedStrings.xml"] = "".join(sst).encode()
    ct = parts["[Content_Types].xml"].decode()
    ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    rewrite(path, parts)


def cache_formulas(path, sheet, values):
    """Writes each formula's result into its <v>, as Excel does when it saves (cell → value)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[sheet].decode()
    for ref, value in values.items():
        xml, n = re.subn(r'(<c r="%s"[^>]*><f>[^<]*</f>)<v\s*/>' % ref, r"\g<1><v>%s</v>" % value, xml)
        assert n == 1, ref
    parts[sheet] = xml.encode()
    rewrite(path, parts)


def rewrite(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            info = zipfile.ZipInfo(n, date_time=(2025, 1, 6, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def normalise_zip(path):
    """Fixed timestamps, so that running the script twice writes the same bytes."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for n in ("docProps/core.xml",):
        if n in parts:
            parts[n] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", parts[n])
    rewrite(path, parts)


def profile_fields(profile_columns, header):
    mapping = {k.strip().lower(): v for k, v in profile_columns.items()}
    return [mapping.get(h.strip().lower(), h.strip().lower()) for h in header]


def load_profile(name):
    import json
    with open(os.path.join(ROOT, "Datasets", "profiles", name), encoding="utf-8") as f:
        return json.load(f)


def deu_cases():
    """Dutch Excel dialect: a title and an empty row above the header, real dates (d-m-yyyy),
    numbers, shared strings, a notes sheet first, and a 'Totaal' row with a cached SUM under the data."""
    rows = read_csv("DEU-cases-dutch-excel.csv", "cp1252", ";")
    header, data = rows[0], rows[1:]
    fields = profile_fields(load_profile("dutch-excel-cases.json")["columns"], header)
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Toelichting"
    notes["A1"] = "Registratie dorpsondersteuner Deurningen"
    notes["A2"] = "Vul per hulpvraag één regel in op het blad Hulpvragen."
    ws = wb.create_sheet("Hulpvragen")
    ws["A1"] = "Hulpvragen Deurningen — export 6-1-2025"
    write_rows(ws, header, data, fields, 3, "dmy", True, None, "d-m-yyyy", "d-m-yyyy h:mm")
    last = 3 + len(data)
    minutes_col = openpyxl.utils.get_column_letter(fields.index("support_minutes") + 1)
    total_row = last + 2
    ws.cell(row=total_row, column=1, value="Totaal")
    ws["%s%d" % (minutes_col, total_row)] = "=SUM(%s4:%s%d)" % (minutes_col, minutes_col, last)
    total = sum(v for v in (parse_number(r[fields.index("support_minutes")], True) for r in data) if isinstance(v, (int, float)))
    path = os.path.join(OUT, "DEU-cases-dutch-excel.xlsx")
    wb.save(path)
    to_shared_strings(path)
    cache_formulas(path, "xl/worksheets/sheet2.xml", {"%s%d" % (minutes_col, total_row): repr(float(total)).rstrip("0").rstrip(".")})
    normalise_zip(path)


def lat_cases():
    """English headers, the 1904 date system, inline strings (openpyxl's own), date-times with a
    custom format, real booleans, empty cells (gaps in the references), an unlabelled totals row of
    SUBTOTAL formulas (cached), and a notes sheet after the data."""
    rows = read_csv("LAT-cases-bom-serial.csv", "utf-8", ",")
    header, data = rows[0], rows[1:]
    fields = profile_fields(load_profile("bom-serial-cases.json")["columns"], header)
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Cases"
    write_rows(ws, header, data, fields, 1, "ymd", False, {"yes": True, "no": False}, "yyyy-mm-dd", "yyyy-mm-dd hh:mm")
    last = 1 + len(data)
    col = openpyxl.utils.get_column_letter(fields.index("support_minutes") + 1)
    ws["%s%d" % (col, last + 1)] = "=SUBTOTAL(9,%s2:%s%d)" % (col, col, last)
    total = sum(v for v in (parse_number(r[fields.index("support_minutes")], False) for r in data) if isinstance(v, (int, float)))
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Exported for the lerend netwerk"
    path = os.path.join(OUT, "LAT-cases-bom-serial.xlsx")
    wb.save(path)
    cache_formulas(path, "xl/worksheets/sheet1.xml", {"%s%d" % (col, last + 1): repr(float(total)).rstrip("0").rstrip(".")})
    normalise_zip(path)


def saa_cases():
    """Canonical headers under a title: built-in date formats (14, 22), a custom 'd mmmm yyyy' on
    closed, support_minutes as formulas with cached results, collective as booleans, shared strings."""
    rows = read_csv("SAA-cases-canonical.csv", "utf-8", ",")
    header, data = rows[0], rows[1:]
    fields = [h.strip() for h in header]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Saasveld"
    ws["A1"] = "Saasveld"
    write_rows(ws, header, data, fields, 2, "ymd", False, {"true": True, "false": False}, "mm-dd-yy", "m/d/yy h:mm",
               custom_formats={"closed": "d mmmm yyyy"})
    col = fields.index("support_minutes") + 1
    cached = {}
    for r in range(3, 3 + len(data)):
        cell = ws.cell(row=r, column=col)
        if isinstance(cell.value, (int, float)):
            v = cell.value
            cell.value = "=%s+0" % v
            cached[cell.coordinate] = repr(v)
    path = os.path.join(OUT, "SAA-cases-canonical.xlsx")
    wb.save(path)
    to_shared_strings(path)
    cache_formulas(path, "xl/worksheets/sheet1.xml", cached)
    normalise_zip(path)


def deu_tasks_sheet():
    """The DEU tasks as a village's sheet types them; returns the workbook, its sheet, the fields
    and the data rows."""
    rows = read_csv("DEU-tasks-dutch-excel.csv", "cp1252", ";")
    header, data = rows[0], rows[1:]
    fields = profile_fields(load_profile("dutch-excel-tasks.json")["columns"], header)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inzet vrijwilligers"
    write_rows(ws, header, data, fields, 1, "dmy", True, None, "d-m-yyyy", "d-m-yyyy h:mm")
    return wb, ws, fields, data


def deu_tasks():
    """Tasks with decimal-comma hours (the profile reads ',') as numbers and dates as dates."""
    wb, _, _, _ = deu_tasks_sheet()
    path = os.path.join(OUT, "DEU-tasks-dutch-excel.xlsx")
    wb.save(path)
    normalise_zip(path)


def deu_tasks_clock():
    """The same tasks with the hours as Excel durations: a fraction of a day under the elapsed-time
    format [h]:mm, shown as 1:15 where the CSV has 1,25 (how a village that types times writes them)."""
    wb, ws, fields, data = deu_tasks_sheet()
    col = fields.index("hours") + 1
    for r in range(2, 2 + len(data)):
        cell = ws.cell(row=r, column=col)
        if isinstance(cell.value, (int, float)):
            cell.value = dt.timedelta(minutes=round(cell.value * 60))
            cell.number_format = "[h]:mm"
    path = os.path.join(OUT, "DEU-tasks-clock-hours.xlsx")
    wb.save(path)
    normalise_zip(path)


def villages():
    rows = read_csv(os.path.join(ROOT, "Datasets", "villages.csv"), "utf-8", ",")
    header, data = rows[0], rows[1:]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dorpen"
    write_rows(ws, header, data, [h.strip() for h in header], 1, "ymd", False, None, "d-m-yyyy", "d-m-yyyy h:mm")
    path = os.path.join(OUT, "villages.xlsx")
    wb.save(path)
    normalise_zip(path)


def no_header():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws["A1"] = "Wie"
    ws["B1"] = "Wat"
    ws["A2"] = "iemand"
    ws["B2"] = "iets"
    wb.create_sheet("Blad2")["A1"] = "leeg"
    path = os.path.join(OUT, "no-header.xlsx")
    wb.save(path)
    normalise_zip(path)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    deu_cases()
    lat_cases()
    saa_cases()
    deu_tasks()
    deu_tasks_clock()
    villages()
    no_header()
    for n in sorted(os.listdir(OUT)):
        print(n, os.path.getsize(os.path.join(OUT, n)))
