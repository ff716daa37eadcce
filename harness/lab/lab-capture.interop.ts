/**
 * The capture of a real call through the lab's redirect chain, opened with tshark (docs/media.md §9): from the file
 * alone — its key log is inside — tshark reads every SIP request and response of the call over TLS, the SRTP
 * datagrams on their real ports, and the RTP exum decrypted on interface 1. Run with `npm run test:interop`.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { interopTest } from "../testing/interop-test.js";
import { tempDir } from "../testing/temp-dir.js";
import { createCaptureRecorder } from "../capture/capture-recorder.js";
import { writeCapture } from "../capture/write-capture.js";
import { probeCall } from "../sip/call-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";

const CAS = "cas01.tukwila.contoso.com";

function tshark(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("tshark", ["-n", "-o", "tls.keylog_file:", ...args], { timeout: 30_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tshark ${args.join(" ")}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

interopTest("a Secured call's pcapng: tshark shows its SIP in clear, its SRTP and the decrypted RTP, from the file alone", ["tshark"], async (t) => {
  const lab = await startTestLab(t);
  const capture = createCaptureRecorder();
  const result = await probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    extraHeaders: ["Diversion: <sip:alice@contoso.com>;reason=no-answer"],
    holdMs: 2000,
    capture,
  });
  t.equal(result.outcome, "answered", result.failure?.message ?? "");
  const file = join(await tempDir(t), "call.pcapng");
  await writeCapture(file, capture);
  // tshark finds TLS on any port; it is told only that these ports carry SIP inside the TLS.
  const decodeAs = [...new Set(result.hops.map((hop) => hop.port))].flatMap((port) => ["-d", `tls.port==${port},sip`]);
  const sip = await tshark(["-r", file, ...decodeAs, "-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "sip.Status-Code"]);
  const lines = sip.trim().split("\n").map((line) => line.trim());
  for (const method of ["INVITE", "ACK", "BYE"]) t.ok(lines.includes(method), `${method} reads in clear`);
  t.equal(lines.filter((line) => line === "302").length, 2, "both 302s of the redirect chain");
  t.ok(lines.includes("200"), "the 200 OK");
  const rtpPorts = [result.media?.local.port, result.media?.remote.port].flatMap((port) => (port === undefined ? [] : ["-d", `udp.port==${port},rtp`]));
  const rtp = await tshark(["-r", file, ...rtpPorts, "-Y", "rtp", "-T", "fields", "-e", "frame.interface_id", "-e", "rtp.p_type"]);
  const rows = rtp.trim().split("\n");
  const wire = rows.filter((row) => row.startsWith("0\t")).length;
  const decrypted = rows.filter((row) => row.startsWith("1\t0")).length;
  t.ok(wire >= 150, `${wire} SRTP datagrams on the wire`);
  t.ok(decrypted >= 150, `${decrypted} decrypted PCMU packets on interface 1`);
});
