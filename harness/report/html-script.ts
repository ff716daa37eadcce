/**
 * The only script of report.html: before printing, open every <details> so the printout holds the whole report
 * (CSS cannot open them). It touches no data and loads nothing; the page's Content-Security-Policy allows exactly
 * this script (by its hash) and nothing else, so a peer's text that escaped escaping still could not run.
 */
export const HTML_SCRIPT = `window.addEventListener("beforeprint", function () { document.querySelectorAll("details").forEach(function (d) { d.open = true; }); });`;
