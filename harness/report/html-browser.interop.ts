/**
 * report.html (docs/design.md §7) opened in a real browser — Debian's Chromium driven by playwright-core, headless, a new
 * empty profile, networking features off — renders with no console error and no network request (every request is
 * recorded; none may leave file://), shows the matrix and the ladder diagrams, shows a peer's `<script>` header as text
 * (and never runs it), fits a narrow screen, and prints. Screenshots are written to the test's temp folder
 * (`EXUM_KEEP_TEMP=1` keeps it). Run with `npm run test:interop` (needs the `chromium` package: .ci/run installs it).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
// The page-side checks are expressions (strings): this project compiles without the DOM library.
import t, { type Test } from "tap";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { runMatrix } from "../scenario/matrix-run.js";
import { findPeerBinary } from "../testing/find-peer-binary.js";
import { interopEnabled, interopTest } from "../testing/interop-test.js";
import { tempDir } from "../testing/temp-dir.js";
import { renderHtml } from "./html.js";
import { fixtureRun, HOSTILE_REASON, HOSTILE_SERVER_HEADER } from "./testdata/report-fixture.js";

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function browser(t: Test, dir: string): Promise<BrowserContext> {
  // launchPersistentContext: a new, empty user-data-dir of the test's own.
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: findPeerBinary("chromium") ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  t.teardown(() => context.close());
  return context;
}

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

/** Opens a file and records every console error, page error and request from the first byte on. */
async function open(context: BrowserContext, file: string): Promise<Opened> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, errors, requests };
}

interopTest("report.html in Chromium: no console error, no network, the matrix, ladders, a peer's <script> as text", ["chromium"], async (t) => {
  const dir = await tempDir(t, "exum-report-html-");
  const file = join(dir, "report.html");
  await writeFile(file, renderHtml(fixtureRun()));
  const context = await browser(t, dir);
  const { page, errors, requests } = await open(context, file);

  t.same(errors, [], "no console error (a blocked inline script or style would be one)");
  t.same(
    requests.filter((url) => !url.startsWith("file://")),
    [],
    "no request leaves file://",
  );
  t.same(requests, [pathToFileURL(file).href], "the page itself is the only request");

  t.equal(await page.locator("#matrix table.matrix").count(), 2, "the measured grid and the documented table");
  t.equal(await page.locator("#matrix td.cell.differs").count(), 2, "the differing cell, marked in both");
  t.ok((await page.locator("svg.ladder").count()) >= 1, "ladder diagrams");
  t.ok(await page.locator("svg.ladder").first().isVisible(), "a ladder is visible without a click");
  t.match(await page.locator("svg.ladder").first().boundingBox(), { width: Number, height: Number });

  t.equal(await page.evaluate("window.__exumPwned"), undefined, "the peer's script never ran");
  t.equal(await page.locator("script").count(), 1, "one script element: ours");
  const text = await page.locator("body").innerText();
  t.ok(text.includes(HOSTILE_SERVER_HEADER), "the peer's Server header, <script> and all, shows as text");
  t.ok(text.includes(HOSTILE_REASON.replace(/\s+/g, " ")), "the peer's reason phrase shows as text");
  t.equal(await page.locator("img, iframe, object, embed").count(), 0, "no element made from a peer's markup");

  await page.screenshot({ path: join(dir, "report-wide.png") });
  await page.locator("#step-incompatible-security-setting-1").screenshot({ path: join(dir, "report-step.png") });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate("window.scrollTo(0, 0)");
  t.ok((await page.evaluate<number>("document.documentElement.scrollWidth")) <= 390, "no page-wide horizontal scroll on a 390 px screen");
  await page.screenshot({ path: join(dir, "report-narrow.png") });

  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: join(dir, "report.pdf"), format: "A4" });
  t.ok(await page.evaluate<boolean>('[...document.querySelectorAll("details")].every((details) => details.open)'), "printing opens every section");
  t.same(errors, [], "still no console error");
  t.same(
    requests.filter((url) => !url.startsWith("file://")),
    [],
    "still no network request",
  );
  t.comment(`screenshots in ${dir}`);
});

interopTest("the report of a real exum matrix run renders in Chromium with no error and no network", ["chromium"], async (t) => {
  const dir = await tempDir(t, "exum-report-html-");
  const run = await runMatrix({ sweeps: ["pool-encryption"], certsDir: sharedLabPkiDir() });
  const file = join(dir, "report.html");
  await writeFile(file, renderHtml(run));
  const context = await browser(t, dir);
  const { page, errors, requests } = await open(context, file);
  t.same(errors, []);
  t.same(requests, [pathToFileURL(file).href]);
  t.equal(await page.locator("#matrix-pool-encryption table.matrix").count(), 3, "measured, docs/protocol.md §2, the seed's table");
  t.equal(await page.locator("svg.ladder").count(), 9, "one ladder per cell");
  await page.screenshot({ path: join(dir, "matrix-wide.png") });
  await page.locator("#matrix-pool-encryption").screenshot({ path: join(dir, "matrix-grid.png") });
  t.comment(`screenshots in ${dir}`);
});
