#!/usr/bin/env python3
"""Fills a registration workbook written by `noaber template` the way a village worker would:
every coded cell picked from the workbook's own drop-down list (read from its data validations and
defined names, so the test checks that the lists hold what noaber accepts), dates as real date
cells, numbers as numbers, the other theme columns sometimes used, some cells left empty.

    python3 Tests/intake/fill_template.py registratie-hulpvragen.xlsx ingevuld.xlsx --rows 60 --seed 7

Prints the number of rows written. openpyxl is pinned in Tests/reference/requirements.txt.
Test-only: noaber never needs Python.
"""
import argparse
import datetime as dt
import random
import re

import openpyxl
from openpyxl.utils import column_index_from_string


def lists_by_column(wb, ws):
    """Column index (1-based) -> the drop-down entries of its validation, or None."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        name = dv.formula1
        defined = wb.defined_names[name]
        ref = defined.attr_text
        m = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", ref)
        sheet = wb[m.group(1)]
        col = column_index_from_string(m.group(2))
        values = [sheet.cell(row=r, column=col).value for r in range(int(m.group(3)), int(m.group(5)) + 1)]
        for rng in dv.sqref.ranges:
            for c in range(rng.min_col, rng.max_col + 1):
                found[c] = values
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("template")
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--village", default="Saasveld")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    wb = openpyxl.load_workbook(args.template)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    lists = lists_by_column(wb, ws)
    english = "Case number" in headers
    tasks = any(h in ("Vrijwilligersnummer", "Volunteer number") for h in headers)
    start = dt.date(2024, 1, 2)
    for i in range(args.rows):
        r = i + 2
        received = start + dt.timedelta(days=rnd.randrange(0, 330))
        contact = received + dt.timedelta(days=rnd.choice([0, 0, 1, 2, 5]))
        closed = contact + dt.timedelta(days=rnd.randrange(3, 40)) if rnd.random() < 0.8 else None
        used = {}
        for c, header in enumerate(headers, start=1):
            value = None
            base = re.sub(r" \d$", "", header)
            number = int(header[-1]) if re.search(r" \d$", header) else 1
            if c in lists:
                choices = [v for v in lists[c] if v not in used.get(base, [])]
                if number == 1 or rnd.random() < 0.35 and used.get(base):
                    if base in ("Resolution", "Afhandeling") and closed is None:
                        value = None
                    elif base in ("Geëscaleerd naar", "Escalated to", "Doorverwezen naar", "Referred to") and rnd.random() < 0.7:
                        value = None
                    elif base in ("Risico", "Risk") and number == 1 and rnd.random() < 0.5:
                        value = None
                    else:
                        value = rnd.choice(choices)
                        used.setdefault(base, []).append(value)
            elif header in ("Dossiernummer", "Case number"):
                value = f"2024-{i + 1:03d}" if not tasks else (f"2024-{rnd.randrange(1, 60):03d}" if rnd.random() < 0.7 else None)
            elif header in ("Dorp", "Village"):
                value = args.village
            elif header in ("Inwonernummer", "Resident number"):
                value = f"K{rnd.randrange(1, 40):03d}" if rnd.random() < 0.9 else None
            elif header in ("Vrijwilligersnummer", "Volunteer number"):
                value = f"V{rnd.randrange(1, 12):02d}"
            elif header in ("Datum hulpvraag", "Date received", "Datum inzet", "Date of the task"):
                value = received
            elif header in ("Datum eerste contact", "Date of first contact"):
                value = contact
            elif header in ("Datum afgesloten", "Date closed"):
                value = closed
            elif header in ("Tijd (minuten)", "Time (minutes)"):
                value = rnd.choice([15, 30, 45, 60, 90, 120, 240])
            elif header in ("Uren", "Hours"):
                value = rnd.choice([0.5, 1, 1.5, 2, 3, 4.25])
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "d-m-yyyy"
    wb.save(args.out)
    print(args.rows)


if __name__ == "__main__":
    main()
