/**
 * The diff's HTML (`exum diff --html`, docs/design.md §1 "exum diff") opened in Debian's Chromium, as
 * report/html-browser.interop.ts opens report.html: it renders with no console error (a style blocked by the policy
 * would be one) and no request beyond the file itself, shows each difference as a row, and shows a peer's `<script>`
 * issuer as text without running it. Run with `npm run test:interop` (needs the `chromium` package).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import t from "tap";
import { findPeerBinary } from "../testing/find-peer-binary.js";
import { interopEnabled, interopTest } from "../testing/interop-test.js";
import { tempDir } from "../testing/temp-dir.js";
import { renderDiffHtml } from "./diff-html.js";
import { diffRuns } from "./diff-runs.js";
import { fixtureRuns, HOSTILE_ISSUER } from "./testdata/diff-fixture.js";

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

interopTest("the diff's HTML in Chromium: no console error, no network, a row per difference, a peer's <script> as text", ["chromium"], async (t) => {
  const dir = await tempDir(t, "exum-diff-html-");
  const file = join(dir, "diff.html");
  const { a, b } = fixtureRuns();
  const diff = diffRuns(a, b);
  await writeFile(file, renderDiffHtml(diff));
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: findPeerBinary("chromium") ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    timeout: 30_000,
  });
  t.teardown(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });

  t.same(errors, [], "no console error: the stylesheet is allowed by its hash");
  t.same(requests, [pathToFileURL(file).href], "the page itself is the only request");
  const rows = Object.values(diff.counts).reduce((sum, count) => sum + count, 0);
  t.equal(await page.locator("section tr[class]").count(), rows, "a row per difference");
  t.equal(await page.locator("tr.security-regression").count(), diff.counts["security-regression"]);
  // The badge is coloured by the stylesheet: proof it applied.
  t.equal(await page.evaluate("getComputedStyle(document.querySelector('tr.security-regression .badge')).backgroundColor"), "rgb(179, 38, 30)", "the badge is coloured: the stylesheet applied");
  t.equal(await page.evaluate("window.__exumPwned"), undefined, "the peer's script never ran");
  t.equal(await page.locator("script").count(), 0, "no script element at all");
  t.ok((await page.locator("body").innerText()).includes(HOSTILE_ISSUER.replace("\u001b", "").slice(0, 40)), "the issuer is shown as text");
});
