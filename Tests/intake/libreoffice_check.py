#!/usr/bin/python3
"""Opens a workbook in LibreOffice (headless, through UNO) as a real spreadsheet program would, and
prints what a person would see: the sheets and which are hidden, the frozen rows, and per column of
the first sheet its header, number format, width and data validation (type, list entries).

    /usr/bin/python3 Tests/intake/libreoffice_check.py registratie-hulpvragen.xlsx > seen.json

Needs LibreOffice Calc and its Python bridge (Debian: libreoffice-calc, python3-uno), which is why
it runs with the system Python. Test-only: noaber never needs LibreOffice.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.25)
    raise SystemExit("LibreOffice did not start")


def main(path):
    profile = tempfile.mkdtemp(prefix="noaber-lo-")
    pipe = "noaber" + str(os.getpid())
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--nologo", "--norestore",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context = connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", False),))
        sheets = doc.Sheets
        seen = {"sheets": [], "columns": [], "named_ranges": {}}
        for i in range(sheets.Count):
            s = sheets.getByIndex(i)
            seen["sheets"].append({"name": s.Name, "visible": bool(s.IsVisible)})
        controller = doc.getCurrentController()
        controller.setActiveSheet(sheets.getByIndex(0))
        seen["frozen"] = bool(controller.hasFrozenPanes())
        seen["split_row"] = controller.getSplitRow()
        first = sheets.getByIndex(0)
        formats = doc.NumberFormats
        for name in doc.NamedRanges.ElementNames:
            seen["named_ranges"][name] = doc.NamedRanges.getByName(name).Content
        col = 0
        while True:
            header = first.getCellByPosition(col, 0).String
            if not header:
                break
            cell = first.getCellByPosition(col, 1)
            v = cell.Validation
            entry = {"header": header, "width_mm100": first.Columns.getByIndex(col).Width,
                     "format": formats.getByKey(cell.NumberFormat).FormatString,
                     "validation": v.Type.value, "formula1": v.getFormula1(), "prompt": v.InputMessage,
                     "error_style": v.ErrorAlertStyle.value}
            if v.Type.value == "LIST":
                # The entries the drop-down shows: the named range's cells.
                rng = doc.NamedRanges.getByName(v.getFormula1()).getReferredCells() if v.getFormula1() in seen["named_ranges"] else None
                entry["list"] = [c[0] for c in rng.getDataArray()] if rng is not None else None
            seen["columns"].append(entry)
            col += 1
        doc.close(True)
        json.dump(seen, sys.stdout, ensure_ascii=False, indent=1)
        print()
    finally:
        office.terminate()
        try:
            office.wait(20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1])
