#!/usr/bin/env python3
"""Real-browser check of the demo reports.

Renders every report-*.html under a demo output folder with headless Chromium to PNG and to PDF and
asserts, per report:
  - Chromium exits 0 and logs no console error (uncaught exception, failed resource load);
  - the screenshot has the requested size and is not blank (a meaningful share of non-white pixels,
    several distinct colours: text, charts and the Okabe-Ito palette);
  - the PDF exists and has at least one page; the raadsbrief has at most two A4 pages;
  - the HTML references no network resource.
Usage: check_reports.py DEMO_OUT_DIR [PNG_OUT_DIR]
       check_reports.py --many-villages NOABER_BINARY OUT_DIR [PNG_OUT_DIR]
The second form checks the raadsbrief for a large municipality: it runs `noaber synth --villages 100
--rows 5000 --no-tasks`, imports the result and writes the raadsbrief in Dutch over 12 quarters
(2023-2025) and in English for 2024, then asserts the same browser checks plus: at most two A4
pages, the compact per-village form (the per-village CSV named in the text) and an HTML under 150 KiB;
a third raadsbrief over a range that starts a year before the data checks that a hundred partly
covered villages are summed up in one sentence (the per-village coverage CSV named in the text).
Then, in one headless Chromium driven over the DevTools protocol (cdp.py, standard library only), per
report:
  - axe-core (the axe.min.js that the PyPI package axe-playwright-python ships, pinned in
    Tests/browser/requirements.txt; its version is printed) finds no violation of any impact;
  - at 640 and 320 CSS pixels wide (a 1280-pixel window at 200% and 400% zoom, WCAG 1.4.10 reflow)
    the page does not scroll sideways (wide tables scroll inside their own region);
  - printed on A4 (print media, 186 mm of content width), every text prints at 8 pt or more, SVG
    text included (its font size times the figure's scale on paper), no chart label ends in "…",
    and no chart text lies outside its SVG;
  - a village page (report-dorp*.html), where there is one, fits on one A4 page.
In the demo it expects the three reports and a village page for every bundled village
(Datasets/villages.csv). The second form also writes the village pages of the 100 villages, in Dutch
for 2024 and in English for 2024Q4, after importing a newer export of the first village that makes its
to-do list as long as it gets (rejected rows with long reasons, vanished cases, a duplicate, fields left
empty); every one of those 200 pages must print on one A4 page (counted over the DevTools protocol), and
a sample of them (the first village in both languages and two others) gets all the checks above.
The PDF's pages are also written as PNG (pdftoppm) beside the screenshots, for a person to look at.
Closes with the plain line "N passed, N failed" and exits non-zero on any failure.
"""
import glob
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

WIDTH, HEIGHT = 1200, 1600


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        for d in os.environ.get("PATH", "").split(os.pathsep):
            p = os.path.join(d, name)
            if os.access(p, os.X_OK):
                return p
    return None


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into rows of pixels."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def pdf_pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    except (OSError, subprocess.SubprocessError):
        pass
    return len(re.findall(rb"/Type\s*/Page[^s]", open(path, "rb").read()))


# A4 with the stylesheet's 12 mm margins leaves 186 mm of content width: 703 CSS pixels at 96 per inch.
A4_CONTENT_PX = round(186 / 25.4 * 96)
MIN_PRINT_PT = 8.0

PRINT_TEXT_JS = r"""
(() => {
  const out = {svgMin: null, htmlMin: null, small: [], truncated: [], outside: [], svgTexts: 0};
  const note = (list, item) => { if (list.length < 12) list.push(item); };
  for (const svg of document.querySelectorAll('svg')) {
    const fig = (svg.closest('figure') || {}).id || svg.id || 'svg';
    for (const t of svg.querySelectorAll('text')) {
      const text = t.textContent.trim();
      if (!text) continue;
      out.svgTexts += 1;
      const m = t.getScreenCTM();
      const pt = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) * 0.75;
      if (out.svgMin === null || pt < out.svgMin) out.svgMin = pt;
      if (pt < %(min)f - 1e-6) note(out.small, fig + ': "' + text + '" ' + pt.toFixed(2) + ' pt');
      if (text.endsWith('\u2026')) note(out.truncated, fig + ': "' + text + '"');
      // Screen boxes, so that rotated labels are measured as drawn.
      const b = t.getBoundingClientRect(), box = svg.getBoundingClientRect();
      if (b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1 || b.bottom > box.bottom + 1)
        note(out.outside, fig + ': "' + text + '"');
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('svg')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const pt = parseFloat(style.fontSize) * 0.75;
    if (out.htmlMin === null || pt < out.htmlMin) out.htmlMin = pt;
    if (pt < %(min)f - 1e-6) note(out.small, el.tagName.toLowerCase() + ': "' + node.textContent.trim().slice(0, 40) + '" ' + pt.toFixed(2) + ' pt');
  }
  // Wider than the page, the browser would shrink the whole page to fit, and every size with it.
  out.pageWidth = document.documentElement.scrollWidth;
  out.wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 1 && out.wide.length < 5 && !el.closest('svg'))
      out.wide.push(el.tagName.toLowerCase() + ' ' + (el.textContent || '').trim().slice(0, 30) + ' ' + Math.round(r.right));
  }
  return out;
})()
""" % {"min": MIN_PRINT_PT}

REFLOW_JS = r"""
(() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-wrap') && !el.classList.contains('table-wrap')) continue;
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && wide.length < 5) wide.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') + ' ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide};
})()
"""


def axe_source():
    """axe.min.js from the pinned PyPI package, and its version; (None, None) when not installed."""
    try:
        import axe_playwright_python
    except ImportError:
        return None, None
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    source = open(path, encoding="utf-8").read()
    m = re.search(r"axe v([0-9.]+)", source[:400])
    return source, (m.group(1) if m else "unknown")


def browser_checks(browser_path, reports, check):
    """axe, reflow at 200% and 400% zoom, and printed text sizes, in one browser over CDP."""
    source, version = axe_source()
    check(source is not None, "axe-core available (pip install --no-deps -r Tests/browser/requirements.txt)")
    if source:
        print(f"axe-core {version} (from the PyPI package axe-playwright-python)")
    with cdp.Browser(browser_path) as browser:
        for name, html in reports:
            page = browser.new_page()
            url = "file://" + os.path.abspath(html)
            page.viewport(WIDTH, HEIGHT)
            page.media("screen")
            page.navigate(url)
            if source:
                page.evaluate(source + "\n;true")
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
                                       "v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                                       " target: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))", timeout=300)
                summary = ", ".join(f"{v['id']} ({v['impact']}, {v['nodes']} nodes: {v['target']})" for v in result)
                check(not result, f"{name}: axe-core {version} finds no violation: {summary}")
                print(f"{name}: axe-core {version}: {len(result)} violations" + (f": {summary}" if result else ""))
            for zoom, width in (("200%", 640), ("400%", 320)):
                page.viewport(width, 800)
                page.navigate(url)
                flow = page.evaluate(REFLOW_JS)
                check(flow["scroll"] <= flow["width"] + 1,
                      f"{name}: no sideways scrolling at {zoom} zoom ({width} px): page {flow['scroll']} px wide, "
                      f"widest {flow['wide']}")
            page.viewport(A4_CONTENT_PX, 1100)
            page.media("print")
            page.navigate(url)
            text = page.evaluate(PRINT_TEXT_JS)
            check(text["pageWidth"] <= A4_CONTENT_PX + 1,
                  f"{name}: nothing wider than A4 ({text['pageWidth']} px of {A4_CONTENT_PX}): {text['wide']}")
            check(not text["small"], f"{name}: every text prints at {MIN_PRINT_PT:g} pt or more on A4: {text['small']}")
            check(not text["truncated"], f"{name}: no chart label ends in '…': {text['truncated']}")
            check(not text["outside"], f"{name}: no chart text outside its SVG: {text['outside']}")
            svg_min = f"{text['svgMin']:.2f}" if text["svgMin"] is not None else "-"
            html_min = f"{text['htmlMin']:.2f}" if text["htmlMin"] is not None else "-"
            print(f"{name}: smallest printed text on A4: charts {svg_min} pt ({text['svgTexts']} texts), page {html_min} pt")
            errors = page.console_errors()
            check(not errors, f"{name}: no uncaught exception: {errors[:3]}")
            browser.send("Target.closeTarget", {"targetId": page.send("Target.getTargetInfo")["targetInfo"]["targetId"]})


class Tally:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what)


MANY_VILLAGE_REPORTS = [  # (folder, extra arguments)
    # The synthetic villages register from 2023-01-01 and export on 2026-01-10: twelve quarters.
    ("raadsbrief-nl-12-quarters", ["--period", "2023-01-01..2025-12-31", "--every", "quarter"]),
    ("raadsbrief-en-2024", ["--period", "2024", "--lang", "en"]),
    # A range that starts a year before the data: a hundred partly covered villages share one
    # opening sentence and the report still fits two pages.
    ("raadsbrief-nl-partly-covered", ["--period", "2022-01-01..2024-12-31", "--every", "quarter"]),
]


VILLAGE_PAGE_RUNS = [  # (folder, extra arguments): every village's page
    ("dorp-nl-2024", ["--period", "2024"]),
    ("dorp-en-2024Q4", ["--period", "2024Q4", "--lang", "en"]),
]


def worst_case_export(cases_csv, village, out_csv):
    """A newer full export of `village` that gives its page the longest to-do list: six cases left
    out (vanished), rows rejected with long reasons (an unknown theme lists every code), a date that
    does not exist, a closure before receipt, a missing case id, a closure after the export's date, a
    duplicate, and the age left empty on every third row."""
    import csv
    with open(cases_csv, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r[header.index("village")] == village]
    col = {name: i for i, name in enumerate(header)}
    kept = rows[6:]
    for i, r in enumerate(kept):
        if i % 3 == 0:
            r[col["age_band"]] = ""
    for r in kept[0:4]:
        r[col["themes"]] = "mobiliteit"
    for r in kept[4:6]:
        r[col["received"]] = "2024-02-31"
    for r in kept[6:8]:
        r[col["closed"]] = "2022-01-01"
    kept[8][col["case_id"]] = ""
    kept[9][col["closed"]] = "2026-03-15"
    twin = list(next(r for r in kept[10:] if r[col["person_id"]]))
    twin[col["case_id"]] = twin[col["case_id"]] + "-2"
    kept.append(twin)
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(kept)


def many_villages(binary, root, check):
    """Generates, imports and reports a 100-village municipality; returns the report paths and the
    village pages (folder, [html])."""
    os.makedirs(root, exist_ok=True)
    data, db = os.path.join(root, "data"), os.path.join(root, "many.sqlite")
    for leftover in glob.glob(db + "*"):
        os.remove(leftover)

    def run(args):
        done = subprocess.run([binary] + args, capture_output=True, text=True, timeout=300)
        check(done.returncode == 0, f"noaber {' '.join(args[:2])} exits 0 ({done.returncode}): {done.stderr[-400:]}")
        return done.returncode == 0

    if not run(["synth", "--villages", "100", "--rows", "5000", "--no-tasks", "--quiet", "--out", data]):
        return [], []
    run(["villages", "import", os.path.join(data, "villages.csv"), "--db", db])
    cases = sorted(glob.glob(os.path.join(data, "cases-*.csv")))
    run(["import"] + cases + ["--db", db, "--quiet"])
    with open(os.path.join(data, "villages.csv"), encoding="utf-8") as f:
        first = f.read().splitlines()[1].split(",")[0]
    newer = os.path.join(data, f"{first}-cases-newer.csv")
    worst_case_export(cases[0], first, newer)
    run(["import", newer, "--village", first, "--as-of", "2026-02-01", "--db", db, "--quiet"])
    reports = []
    for folder, extra in MANY_VILLAGE_REPORTS:
        out = os.path.join(root, folder)
        if run(["report", "--audience", "raadsbrief", "--db", db, "--out", out] + extra):
            html = os.path.join(out, "report-raadsbrief.html")
            text = open(html, encoding="utf-8").read()
            named = "coverage-per-village" if "partly" in folder else "reach-per-village"
            check(f"tables/{named}.csv" in text, f"{folder}: the per-village CSV is named in the text")
            check(os.path.exists(os.path.join(out, "tables", f"{named}.csv")), f"{folder}: tables/{named}.csv written")
            check(os.path.getsize(html) < 150 * 1024, f"{folder}: HTML under 150 KiB ({os.path.getsize(html) // 1024} KiB)")
            reports.append((folder, html))
    pages = []
    for folder, extra in VILLAGE_PAGE_RUNS:
        out = os.path.join(root, folder)
        if run(["report", "--audience", "dorp", "--db", db, "--out", out] + extra):
            found = sorted(glob.glob(os.path.join(out, "*", "report-dorp-*.html")))
            check(len(found) == 100, f"{folder}: a page for each of the 100 villages (found {len(found)})")
            check(os.path.exists(os.path.join(out, first, "tables", "rejected-rows.csv")),
                  f"{folder}: {first}'s rejected rows are written to its tables/rejected-rows.csv")
            pages.append((folder, found))
            # The longest to-do list, and two others, get every check.
            for html in [found[0], found[len(found) // 2], found[-1]][: 3 if "nl" in folder else 1]:
                reports.append((folder + "-" + os.path.basename(os.path.dirname(html)), html))
    return reports, pages


def village_pages_fit_one_page(browser_path, page_runs, check):
    """Prints every village page to PDF over the DevTools protocol and counts its A4 pages."""
    with cdp.Browser(browser_path) as browser:
        page = browser.new_page()
        page.media("print")
        for folder, found in page_runs:
            longest = (0, "")
            for html in found:
                page.navigate("file://" + os.path.abspath(html))
                pdf = page.pdf()
                with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
                    f.write(pdf)
                    f.flush()
                    n = pdf_pages(f.name)
                check(n == 1, f"{folder}: {os.path.basename(html)} fits on one A4 page (has {n})")
                longest = max(longest, (n, os.path.basename(html)))
            print(f"{folder}: {len(found)} village pages printed, at most {longest[0]} A4 page(s) ({longest[1]})")


def main():
    args = sys.argv[1:]
    many = bool(args) and args[0] == "--many-villages"
    if (many and len(args) < 3) or not args:
        print(__doc__)
        return 2
    check = Tally()
    if many:
        binary, root = args[1], args[2]
        shots = args[3] if len(args) > 3 else tempfile.mkdtemp(prefix="noaber-shots-")
        reports, page_runs = many_villages(binary, root, check)
        raadsbrieven = [r for r in reports if r[0].startswith("raadsbrief")]
        check(len(raadsbrieven) == len(MANY_VILLAGE_REPORTS), f"{len(MANY_VILLAGE_REPORTS)} many-village reports (found {len(raadsbrieven)})")
        check(len(page_runs) == len(VILLAGE_PAGE_RUNS), f"{len(VILLAGE_PAGE_RUNS)} runs of village pages (found {len(page_runs)})")
    else:
        root = args[0]
        shots = args[1] if len(args) > 1 else tempfile.mkdtemp(prefix="noaber-shots-")
        page_runs = []
        found = sorted(glob.glob(os.path.join(root, "**", "report-*.html"), recursive=True))
        reports = [(os.path.splitext(os.path.basename(h))[0], h) for h in found]
        village_pages = [name for name, _ in reports if name.startswith("report-dorp")]
        check(len(reports) - len(village_pages) == 3, f"three reports under {root} (found {len(reports) - len(village_pages)})")
        bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Datasets", "villages.csv")
        with open(bundled, encoding="utf-8") as f:
            villages = len([line for line in f.read().splitlines()[1:] if line.strip()])
        check(len(village_pages) == villages, f"a village page for each of the {villages} bundled villages (found {len(village_pages)})")
    os.makedirs(shots, exist_ok=True)
    browser = chromium()
    if browser is None:
        print("chromium not found; install it with: apt-get install -y chromium")
        print(f"{check.passed} passed, {check.failed + 1} failed")
        return 1
    for name, html in reports:
        text = open(html, encoding="utf-8").read()
        check(not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text.replace("http://www.w3.org/2000/svg", "")),
              f"{name}: no network reference")
        url = "file://" + os.path.abspath(html)
        png = os.path.join(shots, name + ".png")
        pdf = os.path.join(shots, name + ".pdf")
        common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                  "--enable-logging=stderr", "--v=0", "--run-all-compositor-stages-before-draw",
                  "--virtual-time-budget=3000"]
        shot = subprocess.run(common + [f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}", url],
                              capture_output=True, text=True, timeout=180)
        check(shot.returncode == 0 and os.path.exists(png), f"{name}: screenshot written ({shot.returncode})")
        console = [l for l in shot.stderr.splitlines()
                   if "CONSOLE" in l and ("Uncaught" in l or "Error" in l or "ERR_" in l)]
        check(not console, f"{name}: no console errors: {console[:3]}")
        if os.path.exists(png):
            w, h, bpp, rows = png_pixels(png)
            check((w, h) == (WIDTH, HEIGHT), f"{name}: screenshot is {w}x{h}, expected {WIDTH}x{HEIGHT}")
            colours, ink = set(), 0
            for r in rows[::4]:
                for i in range(0, len(r), bpp * 4):
                    px = r[i:i + 3]
                    colours.add(px)
                    if sum(px) < 3 * 235:
                        ink += 1
            samples = (h // 4) * (w // 4)
            # A village without data has a short page on purpose: a sentence and one to-do item.
            least = 0.01 if os.path.basename(html).startswith("report-dorp") else 0.02
            check(ink / samples > least, f"{name}: page is not blank ({ink / samples:.1%} ink)")
            check(len(colours) > 20, f"{name}: more than 20 colours ({len(colours)})")
        printed = subprocess.run(common + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
                                 capture_output=True, text=True, timeout=180)
        check(printed.returncode == 0 and os.path.exists(pdf), f"{name}: PDF written")
        if os.path.exists(pdf):
            pages = pdf_pages(pdf)
            check(pages >= 1, f"{name}: PDF has pages ({pages})")
            if "raadsbrief" in os.path.basename(html):
                check(pages <= 2, f"{name}: raadsbrief fits on two A4 pages (has {pages})")
            if os.path.basename(html).startswith("report-dorp"):
                check(pages == 1, f"{name}: a village page fits on one A4 page (has {pages})")
            # The printed pages as pictures, for a person to look at.
            subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, os.path.join(shots, name + "-page")],
                           capture_output=True, timeout=180)
            print(f"{name}: {os.path.getsize(html) // 1024} KiB HTML, PDF {pages} page(s), screenshot {png}")
    try:
        browser_checks(browser, reports, check)
        if page_runs:
            village_pages_fit_one_page(browser, page_runs, check)
    except (cdp.CDPError, OSError) as error:
        check(False, f"browser checks over the DevTools protocol: {error}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 0 if check.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
