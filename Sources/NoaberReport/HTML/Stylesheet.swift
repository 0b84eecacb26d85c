/// The report's only stylesheet, inlined into `<style>`: no web fonts, no external files.
///
/// Screen: one readable column (max 60rem) that reflows to a phone; a figure sits next to its
/// data table on a wide screen and above it on a narrow one. Print: A4 with 12 mm margins, 9 pt
/// type, figures, tables and headline blocks never split across pages, headings kept with what
/// follows; nothing prints below 8 pt, and a chart fills its column with no maximum height, so
/// its text prints at the size `PrintLayout` works out. Every grid track is `minmax(0, …)`, so a
/// wide table scrolls inside its own box and never widens the page (no sideways scrolling at 400%
/// zoom, WCAG 1.4.10). The raadsbrief gets tighter print rules so that it fits two pages, and a
/// village page (`dorp`) so that it fits one. Colours are the Okabe–Ito blue for accents only;
/// meaning is always carried by text as well (a to-do item says "te doen" or "in orde" in words,
/// its border only repeats it).
enum Stylesheet {
    static let css = """
    :root { --ink: #1a1a1a; --muted: #555; --accent: #0072B2; --rule: #c8c8c8; --soft: #f3f6f9; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: var(--ink); background: #fff;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      font-size: 1rem; line-height: 1.45; }
    h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .3rem; }
    h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; padding-bottom: .15rem; border-bottom: 2px solid var(--accent); }
    h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
    p { margin: .4rem 0 .6rem; }
    .meta { color: var(--muted); font-size: .9rem; margin: 0 0 .8rem; }
    .headline { list-style: none; padding: 0; margin: .6rem 0; display: grid; gap: .5rem; }
    .headline li { background: var(--soft); border-left: 4px solid var(--accent); padding: .45rem .7rem; }
    .headline strong { white-space: nowrap; }
    .estimate-tag { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase;
      letter-spacing: .04em; border: 1px solid var(--ink); border-radius: 3px; padding: 0 .3rem; margin-right: .3rem; }
    .note { border: 1px solid var(--rule); padding: .5rem .8rem; background: #fffdf3; }
    figure { margin: 1.2rem 0; padding: 0; }
    .figure-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: .8rem; align-items: start; }
    .figure-body.stacked { grid-template-columns: minmax(0, 1fr); }
    .figure-body.stacked .figure-svg svg { max-width: 40rem; }
    .figure-pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .8rem; align-items: start; }
    .figure-pair figure { margin: 0; }
    .figure-body.half { grid-template-columns: minmax(0, 1fr); gap: .2rem; }
    .figure-body.half table { width: 100%; }
    .figure-body.half td.num, .figure-body.half tbody th { white-space: nowrap; }
    .figure-svg svg { display: block; width: 100%; height: auto; max-width: 100%; }
    figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
    .fig-no { font-weight: 600; color: var(--ink); }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    .table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
    table { border-collapse: collapse; font-size: .85rem; margin: .3rem 0 .8rem; min-width: 50%; }
    caption { text-align: left; font-weight: 600; padding: .2rem 0; caption-side: top; }
    th, td { padding: .18rem .45rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
    thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
    tbody th { font-weight: 500; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .ci { color: var(--muted); font-size: .9em; }
    .suppressed { font-style: italic; text-decoration: underline dotted; }
    code, .command { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em;
      word-break: break-all; }
    dl.defs dt { font-weight: 600; margin-top: .5rem; }
    dl.defs dd { margin: 0 0 .3rem 1rem; }
    footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .5rem; }
    ul.todo { list-style: none; padding: 0; margin: .4rem 0; }
    ul.todo > li { margin: .3rem 0; padding: .1rem 0 .1rem .6rem; border-left: 4px solid var(--rule); }
    ul.todo > li.open { border-left-color: var(--accent); }
    ul.todo ul { margin: .15rem 0; padding-left: 1.2rem; }
    @media (max-width: 700px) {
      body { padding: .6rem; }
      .figure-body, .figure-pair { grid-template-columns: minmax(0, 1fr); }
      h1 { font-size: 1.35rem; }
    }
    @page { size: A4; margin: 10mm 12mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
      h1 { font-size: 15pt; }
      h2 { font-size: 11.5pt; margin: .8rem 0 .3rem; break-after: avoid; page-break-after: avoid; }
      h3 { font-size: 10pt; break-after: avoid; page-break-after: avoid; }
      figure, table, .headline li, .note, .keep { break-inside: avoid; page-break-inside: avoid; }
      figure { margin: .5rem 0; }
      table { font-size: 8pt; max-width: 100%; }
      /* A table wider than the page would make the browser shrink the whole page to fit, charts
         and text with it: on paper every cell may wrap, headers between any two letters. */
      th, td { overflow-wrap: anywhere; }
      td.num { white-space: normal; }
      .figure-body:not(.stacked) .figure-data th, .figure-body:not(.stacked) .figure-data td { overflow-wrap: normal; }
      .ci { font-size: 1em; }
      code, .command { font-size: 8pt; }
      .table-wrap { overflow: visible; }
      .figure-body.stacked { grid-template-columns: minmax(0, 1fr); }
      .figure-body.stacked .figure-svg svg { max-width: 40rem; }
      footer { font-size: 8pt; margin-top: .8rem; padding-top: .3rem; }
      .audience-raadsbrief { font-size: 8.5pt; }
      .audience-raadsbrief figure { margin: .3rem 0; }
      .audience-raadsbrief figcaption { margin-top: .1rem; }
      .audience-raadsbrief .note { padding: .2rem .6rem; }
      .audience-raadsbrief .note p { margin: .2rem 0; }
      .audience-raadsbrief .note h3 { margin: .2rem 0; }
      .audience-raadsbrief .headline { gap: .2rem; margin: .3rem 0; }
      .audience-raadsbrief .headline li { padding: .2rem .5rem; }
      .audience-raadsbrief h2 { margin: .5rem 0 .2rem; }
      .audience-raadsbrief table { font-size: 8pt; margin: .1rem 0 .3rem; }
      .audience-raadsbrief th, .audience-raadsbrief td { padding: .05rem .3rem; }
      .audience-dorp { font-size: 8pt; line-height: 1.25; }
      .audience-dorp h1 { font-size: 13pt; }
      .audience-dorp h2 { margin: .5rem 0 .2rem; }
      .audience-dorp p { margin: .15rem 0 .3rem; }
      .audience-dorp .meta, .audience-dorp figcaption { font-size: 8pt; margin: 0 0 .2rem; }
      .audience-dorp figure { margin: .25rem 0; }
      .audience-dorp figcaption { margin-top: .1rem; }
      .audience-dorp table { font-size: 8pt; margin: .1rem 0 .25rem; }
      .audience-dorp th, .audience-dorp td { padding: .05rem .3rem; }
      .audience-dorp ul.todo { margin: .2rem 0; }
      .audience-dorp ul.todo > li { margin: .15rem 0; padding: 0 0 0 .5rem; }
      .audience-dorp footer { margin-top: .4rem; }
    }
    """
}
