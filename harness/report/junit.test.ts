import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { escapeXml, renderJunit } from "./junit.js";
import type { RunResult, ScenarioResult } from "../model/run-result.js";
import { fixtureRun } from "./testdata/report-fixture.js";
import { summarizeRun } from "./run-summary.js";

const fixture = JSON.parse(await readFile(join(import.meta.dirname, "testdata", "run-result.json"), "utf8")) as RunResult;

/** The testcase element of a scenario id, as text. */
function testcase(xml: string, id: string): string {
  return new RegExp(`<testcase name="${id}"[\\s\\S]*?</testcase>`).exec(xml)?.[0] ?? "";
}

t.test("junit.xml: a testcase per scenario; failure, error and skipped (golden)", async (t) => {
  const xml = renderJunit(fixture);
  t.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="exum" tests="4" failures="1" errors="1" skipped="1"/);
  t.equal(xml.match(/<testcase /g)?.length, 4);
  const failed = testcase(xml, "wrong-expectation");
  t.match(failed, /<failure message="steps\[0\]\.expect\.negotiated\.media: expected negotiated\.media rtp, saw srtp \(on the wire: 200 OK, SRTP \(Secured\)\)" type="expectation">/, "an unmet expectation is a <failure> with expected vs seen and what the wire showed");
  t.notMatch(failed, /<error/);
  const errored = testcase(xml, "happy-path");
  t.match(errored, /<error message="set-up or tear-down: the embedded lab did not start: [^"]*" type="EXUM_LAB_START">/, "a harness error is an <error> with its code");
  t.match(testcase(xml, "owa-trusted-application"), /<skipped message="interrupted \(Ctrl-C\) before it ran"\/>/);
  t.notMatch(testcase(xml, "startup-mode-tcp-secured-dial-plan"), /<failure|<error|<skipped/, "a passed scenario has none");
  t.match(xml, /<property name="interrupted" value="true"\/>/);
  t.equal(renderJunit(fixture), xml, "pure");
  t.matchSnapshot(xml, "junit.xml");
});

t.test("everything a peer sent is escaped, and characters XML forbids are dropped", async (t) => {
  t.equal(escapeXml(`<a href="x">'&'</a>\u0000\u001b ok\ttab`), "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt; ok\ttab");
  const base = fixture.scenarios[0] as ScenarioResult;
  const step = base.steps[0];
  if (step === undefined) throw new Error("fixture has no step");
  const evil: ScenarioResult = {
    ...base,
    verdict: "failed",
    steps: [{ ...step, verdict: "failed", expectations: [{ path: "steps[0].expect.status", expected: 200, seen: 403, met: false, message: `expected status 200, saw 403 <Forbidden & "gone"]]>\u0007` }] }],
  };
  const xml = renderJunit({ ...fixture, scenarios: [evil], summary: summarizeRun([evil]) });
  t.match(xml, /saw 403 &lt;Forbidden &amp; &quot;gone&quot;\]\]&gt;/);
  t.notOk(xml.includes("\u0007"), "the control character is gone");
  t.notMatch(xml, /<Forbidden/);
});

t.test("a <failure> names what the wire showed: the failure code, the status and the ms-diagnostics reason (escaped)", async (t) => {
  const xml = renderJunit(fixtureRun());
  const failed = testcase(xml, "incompatible-security-setting");
  t.match(failed, /<failure message="steps\[1\]\.expect\.failure: expected failure security-parity, saw incompatible-security-setting \(on the wire: incompatible-security-setting, 488 Not Acceptable &lt;img[^"]*Here, &quot;Incompatible security setting&quot;\)"/);
  t.notMatch(failed, /<img/, "the peer's reason phrase stays text");
});
