import t from "tap";
import { MEDIA_FAILURES } from "../sdp/media-failure.js";
import { sipFailureCodes } from "../sip/probe-failure.js";
import { TLS_FAILURE_CODES } from "../tls/tls-failure.js";
import { FAILURE_CODES, SCENARIO_FAILURE_CODES, failureCodeTable } from "./failure-code.js";

t.test("the table holds every code of the three layers and all-servers-failed, once each", async (t) => {
  const table = failureCodeTable();
  const codes = table.map((row) => row.code);
  t.equal(new Set(codes).size, codes.length, "no code twice");
  for (const code of [...Object.keys(TLS_FAILURE_CODES), ...Object.keys(sipFailureCodes), ...Object.keys(MEDIA_FAILURES), ...Object.keys(SCENARIO_FAILURE_CODES)]) {
    t.ok(codes.includes(code), code);
  }
  t.same(FAILURE_CODES, codes, "FAILURE_CODES is the table's code column, in order");
});

t.test("DESIGN.md §6's named codes are all in the table", async (t) => {
  const named = [
    "tls-untrusted-server",
    "tls-name-mismatch",
    "tls-client-cert-rejected",
    "tls-protocol-version",
    "connection-refused",
    "connection-timeout",
    "no-response",
    "unauthorized-gateway",
    "security-parity",
    "incompatible-security-setting",
    "srtp-required-by-peer",
    "redirect-loop",
    "all-servers-failed",
    "rejected",
  ];
  for (const code of named) t.ok(FAILURE_CODES.includes(code as (typeof FAILURE_CODES)[number]), code);
});

t.test("every row says what it means and where it is defined", async (t) => {
  for (const row of failureCodeTable()) {
    t.match(row.code, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${row.code} is kebab-case`);
    t.ok(row.meaning.length > 10, `${row.code} has a meaning`);
    t.match(row.definedIn, /^harness\/(tls|sip|sdp|scenario)\/[a-z-]+\.ts$/);
  }
  t.same(
    failureCodeTable().find((row) => row.code === "all-servers-failed"),
    { code: "all-servers-failed", layer: "failover", meaning: SCENARIO_FAILURE_CODES["all-servers-failed"], definedIn: "harness/scenario/failure-code.ts" },
  );
});
