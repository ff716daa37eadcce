import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import type { RunResult } from "../model/run-result.js";
import { parseRunJson } from "./parse-run-json.js";
import { fixtureRun } from "./testdata/report-fixture.js";

const RECORDED = join(import.meta.dirname, "testdata", "run-result.json");
const HINT = "give the run.json exactly as exum wrote it";

type Edit = readonly [path: readonly (string | number)[], value: unknown];

/** The fixture run as JSON with each path set to its value (`undefined` deletes the field). */
function edited(...edits: Edit[]): string {
  const run: unknown = JSON.parse(JSON.stringify(fixtureRun()));
  for (const [path, value] of edits) {
    const parent = path.slice(0, -1).reduce((at: unknown, key) => (at as Record<string | number, unknown>)[key], run) as Record<string | number, unknown>;
    const last = path[path.length - 1] ?? "";
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return JSON.stringify(run);
}

t.test("a run.json as written reads back as the run", async (t) => {
  t.same(parseRunJson(JSON.stringify(fixtureRun()), "run.json"), fixtureRun());
});

t.test("the run recorded on the embedded lab (testdata/run-result.json) is a valid run", async (t) => {
  const text = await readFile(RECORDED, "utf8");
  const run: RunResult = parseRunJson(text, RECORDED);
  t.same(run, JSON.parse(text));
  t.equal(`${JSON.stringify(run, null, 2)}\n`, text, "the file's key order is kept");
});

t.test("bad input names the file (exit 2)", async (t) => {
  t.throws(() => parseRunJson("{", "/r/run.json"), { code: "EXUM_RUN_FILE_NOT_JSON", exitCode: 2, file: "/r/run.json", message: /\/r\/run\.json is not JSON/ });
  t.throws(() => parseRunJson("[]", "run.json"), { code: "EXUM_RUN_FILE_INVALID", exitCode: 2 });
  t.throws(() => parseRunJson(JSON.stringify({ ...fixtureRun(), schemaVersion: 1 }), "old.json"), {
    code: "EXUM_RUN_FILE_SCHEMA",
    exitCode: 2,
    file: "old.json",
    field: "schemaVersion",
    message: "old.json has schemaVersion 1; this exum reads schemaVersion 2",
  });
  t.throws(() => parseRunJson(JSON.stringify({ schemaVersion: 2 }), "run.json"), { code: "EXUM_RUN_FILE_INVALID", field: "runId" });
  const run = fixtureRun();
  const broken = { ...run, scenarios: [{ ...run.scenarios[0], steps: [{ verdict: "passed" }] }] };
  // Every field of the step but its verdict is missing: the first the model declares is named.
  t.throws(() => parseRunJson(JSON.stringify(broken), "run.json"), {
    code: "EXUM_RUN_FILE_INVALID",
    field: "scenarios[0].steps[0].index",
    message: "run.json: scenarios[0].steps[0].index: missing (expected a number)",
  });
  t.throws(() => parseRunJson(JSON.stringify({ ...run, matrix: { sweeps: 3 } }), "run.json"), { code: "EXUM_RUN_FILE_INVALID", field: "matrix.sweeps" });
});

t.test("every leaf is checked: a bad one is named by its path in the file", async (t) => {
  t.throws(() => parseRunJson(edited([["scenarios", 0, "steps", 2, "evidence", "hops", 0, "status"], "x"]), "/r/run.json"), {
    code: "EXUM_RUN_FILE_INVALID",
    exitCode: 2,
    file: "/r/run.json",
    field: "scenarios[0].steps[2].evidence.hops[0].status",
    message: '/r/run.json: scenarios[0].steps[2].evidence.hops[0].status: expected a number, got "x"',
    hint: HINT,
  });
  t.throws(() => parseRunJson(edited([["scenarios", 1, "steps", 1, "evidence", "attempts", 1, "evidence", "hops", 0, "port"], null]), "run.json"), {
    message: "run.json: scenarios[1].steps[1].evidence.attempts[1].evidence.hops[0].port: expected a number, got null",
  });
  t.throws(() => parseRunJson(edited([["scenarios", 0, "steps", 0, "evidence", "hops", 0, "headers", "user-agent"], "MSExchangeUM"]), "run.json"), {
    field: 'scenarios[0].steps[0].evidence.hops[0].headers["user-agent"]',
    message: /: expected a list, got "MSExchangeUM"$/,
  });
  t.throws(() => parseRunJson(edited([["scenarios", 0, "steps", 0, "expectations", 0, "seen"], undefined]), "run.json"), {
    message: "run.json: scenarios[0].steps[0].expectations[0].seen: missing",
  });
});

t.test("a failure code this exum does not know is invalid", async (t) => {
  t.throws(() => parseRunJson(edited([["scenarios", 0, "steps", 1, "evidence", "failure", "code"], "tls-went-wrong"]), "run.json"), {
    code: "EXUM_RUN_FILE_INVALID",
    field: "scenarios[0].steps[1].evidence.failure.code",
    message: 'run.json: scenarios[0].steps[1].evidence.failure.code: expected a failure code of docs/failure-codes.md, got "tls-went-wrong"',
    hint: HINT,
  });
});

t.test("a field the run model does not have is invalid, wherever it is", async (t) => {
  t.throws(() => parseRunJson(edited([["comment"], "edited by hand"]), "run.json"), {
    code: "EXUM_RUN_FILE_INVALID",
    field: "comment",
    message: "run.json: comment: unknown field (the run model has no such field)",
    hint: HINT,
  });
  t.throws(() => parseRunJson(edited([["scenarios", 0, "steps", 1, "evidence", "tls", "peer", "nickname"], "cas"]), "run.json"), {
    field: "scenarios[0].steps[1].evidence.tls.peer.nickname",
    message: /: unknown field/,
  });
});

t.test("evidence is read by its kind", async (t) => {
  t.throws(() => parseRunJson(edited([["scenarios", 0, "steps", 3, "evidence", "kind"], "nap"]), "run.json"), {
    field: "scenarios[0].steps[3].evidence.kind",
    message: 'run.json: scenarios[0].steps[3].evidence.kind: expected one of "options", "call", "certs", "failover", "lab", "wait", got "nap"',
  });
  t.throws(() => parseRunJson(edited([["scenarios", 1, "steps", 0, "evidence", "verdict"], "maybe"]), "run.json"), {
    message: 'run.json: scenarios[1].steps[0].evidence.verdict: expected one of "pass", "fail", got "maybe"',
  });
  // A call's evidence with what reached the media port is a CallProbeResult; without it, a plain ProbeResult.
  const evidence = ["scenarios", 0, "steps", 1, "evidence"] as const;
  const address = { address: "127.0.0.1", port: 40000 };
  const received = {
    packets: 3, bytes: "many", authenticated: 3, authFailed: 0, replayed: 0, mkiMismatch: 0, plainRtp: 0, notRtp: 0, fromOtherAddress: 0, otherSource: null,
    lost: 0, jitterMs: 0, firstPacketMs: 0, lastPacketMs: 40, payloadTypes: [0], dtmf: "", rtcpPackets: 0, audio: null,
  };
  const media = {
    protection: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", mki: { sent: null, received: null }, codec: "PCMU", telephoneEvent: 101, rtcpMux: false,
    local: address, remote: address, durationMs: 60, sent: { packets: 3, bytes: 546, rtcpPackets: 0, dtmf: "", errors: 0 }, received,
    peerReport: null, timeline: { binMs: 250, sent: [3], received: [3] }, verdict: "two-way", failure: null,
  };
  t.throws(() => parseRunJson(edited([[...evidence, "media"], media], [[...evidence, "endedBy"], "us"]), "run.json"), {
    message: 'run.json: scenarios[0].steps[1].evidence.media.received.bytes: expected a number, got "many"',
  });
  t.doesNotThrow(() => parseRunJson(edited([[...evidence, "media"], { ...media, received: { ...received, bytes: 546 } }], [[...evidence, "endedBy"], "us"]), "run.json"), "a whole MediaEvidence reads");
  t.doesNotThrow(() => parseRunJson(edited([[...evidence, "media"], null], [[...evidence, "endedBy"], null]), "run.json"));
  t.throws(() => parseRunJson(edited([[...evidence, "media"], null]), "run.json"), { message: "run.json: scenarios[0].steps[1].evidence.endedBy: missing (expected one of \"us\", \"peer\")" });
});

t.test("of several bad fields, the first in the file is named", async (t) => {
  t.throws(() => parseRunJson(edited([["events", 0, "eventId"], "1401"], [["runId"], 5]), "run.json"), { field: "runId", message: "run.json: runId: expected a string, got 5" });
});
