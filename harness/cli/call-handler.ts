import { ExitCode } from "../errors/exit-codes.js";
import { CALL_OFFERS } from "../model/call-offer.js";
import { inputError } from "../errors/harness-error.js";
import { parseEncryptionLevel, policyForEncryptionLevel } from "../sdp/encryption-level.js";
import { parseSrtpMode, policyForSrtpMode } from "../sdp/srtp-mode.js";
import { probeCall } from "../sip/call-probe.js";
import { PROBE_OUTPUT_SCHEMA_VERSION } from "../model/probe-output-version.js";
import { dtmfDurationMs } from "../media/dtmf/dtmf-schedule.js";
import { isDtmfDigits } from "../media/dtmf/telephone-event.js";
import type { CliIo } from "./cli-io.js";
import type { CallFlags } from "./call-command.js";
import { formatProbeResult } from "./format-probe-result.js";
import { onceOnly } from "./probe-flags.js";
import { probeOptionsFromFlags, probeTargetFromFlags } from "./probe-options-from-flags.js";

/** Headers the harness writes itself (RFC 3261 §8.1.1, §20): `--header` may not set them. */
const OWNED_HEADERS = ["via", "v", "call-id", "i", "cseq", "from", "f", "to", "t", "contact", "m", "content-length", "l", "content-type", "c", "max-forwards", "route", "record-route"];

/** What `exum call <target>` does (call-command.ts describes it): checks the flags, places the call, prints its result. */
export async function callHandler(flags: CallFlags, io: CliIo): Promise<number> {
  onceOnly(flags as unknown as Record<string, unknown>, ["encryption", "srtp-mode", "hold", "max-redirects", "dtmf", "dtmf-at", "offer"]);
  const offer = CALL_OFFERS.find((name) => name === String(flags.offer).toLowerCase());
  if (offer === undefined) {
    throw inputError("EXUM_BAD_FLAG", `--offer ${JSON.stringify(flags.offer)} is not something the harness offers`, { field: "--offer", hint: `use one of: ${CALL_OFFERS.join(", ")}` });
  }
  if (offer === "fax" && flags.dtmf !== undefined) {
    throw inputError("EXUM_BAD_FLAG", "--dtmf needs an audio call; --offer fax offers no audio", { field: "--dtmf", hint: "drop --dtmf, or --offer audio" });
  }
  const target = probeTargetFromFlags(flags);
  if (flags.encryption !== undefined && flags["srtp-mode"] !== undefined) {
    throw inputError("EXUM_BAD_FLAG", "--encryption and --srtp-mode both say what to offer; give one", {
      field: "--srtp-mode",
      hint: "--encryption is the pool's/Front End's setting, --srtp-mode a trunk's (Mediation Server ↔ gateway)",
    });
  }
  const policy =
    flags["srtp-mode"] !== undefined
      ? policyForSrtpMode(parseSrtpMode(flags["srtp-mode"], { field: "--srtp-mode" }))
      : policyForEncryptionLevel(parseEncryptionLevel(flags.encryption ?? "RequireEncryption", { field: "--encryption" }));
  if (!(flags.hold >= 0) || flags.hold > 3600) {
    throw inputError("EXUM_BAD_FLAG", `--hold ${flags.hold} must be from 0 to 3600 seconds`, { field: "--hold" });
  }
  if (!Number.isInteger(flags["max-redirects"]) || flags["max-redirects"] < 0 || flags["max-redirects"] > 20) {
    throw inputError("EXUM_BAD_FLAG", `--max-redirects ${String(flags["max-redirects"])} must be a whole number from 0 to 20`, { field: "--max-redirects", hint: "Exchange's chain is two redirects (Call Router → UM service → worker)" });
  }
  for (const header of flags.header ?? []) {
    if (/[\r\n]/.test(header) || !/^[A-Za-z0-9-]+:\s*\S/.test(header)) {
      throw inputError("EXUM_BAD_FLAG", `--header ${JSON.stringify(header)} is not one Name: value line`, { field: "--header", hint: "one header per --header, without line breaks" });
    }
    const name = header.slice(0, header.indexOf(":")).trim().toLowerCase();
    if (OWNED_HEADERS.includes(name)) {
      throw inputError("EXUM_BAD_FLAG", `--header cannot set ${header.slice(0, header.indexOf(":"))}: the harness writes it`, { field: "--header", hint: "extra headers only (Diversion, History-Info, …)" });
    }
  }
  if (flags.dtmf !== undefined && !isDtmfDigits(flags.dtmf)) {
    throw inputError("EXUM_BAD_FLAG", `--dtmf ${JSON.stringify(flags.dtmf)} is not a string of DTMF digits`, { field: "--dtmf", hint: "use 0-9, *, # and A-D, e.g. --dtmf 1001#1234#" });
  }
  if (!(flags["dtmf-at"] >= 0) || flags["dtmf-at"] > 3600) {
    throw inputError("EXUM_BAD_FLAG", `--dtmf-at ${flags["dtmf-at"]} must be from 0 to 3600 seconds`, { field: "--dtmf-at" });
  }
  if (flags.dtmf !== undefined && flags.hold * 1000 < flags["dtmf-at"] * 1000 + dtmfDurationMs(flags.dtmf)) {
    throw inputError("EXUM_BAD_FLAG", `--hold ${flags.hold} ends the call before the digits are sent (they start at ${flags["dtmf-at"]} s and take ${(dtmfDurationMs(flags.dtmf) / 1000).toFixed(1)} s)`, {
      field: "--hold",
      hint: `hold the call at least ${Math.ceil(flags["dtmf-at"] + dtmfDurationMs(flags.dtmf) / 1000 + 1)} s`,
    });
  }
  const { options, close } = await probeOptionsFromFlags(flags, io);
  try {
    const result = await probeCall(target, {
      ...options,
      policy,
      holdMs: flags.hold * 1000,
      maxRedirects: flags["max-redirects"],
      extraHeaders: flags.header,
      allowDowngrade: flags["allow-downgrade"],
      srtpMki: flags["srtp-mki"],
      offer,
      dtmf: flags.dtmf === undefined ? null : { digits: flags.dtmf, atMs: flags["dtmf-at"] * 1000 },
    });
    io.out(flags.json ? `${JSON.stringify({ schemaVersion: PROBE_OUTPUT_SCHEMA_VERSION, ...result }, null, 2)}\n` : formatProbeResult(result));
    if (io.signal.aborted) return ExitCode.Interrupted;
    return result.outcome === "failed" || result.failure !== null ? ExitCode.Failed : ExitCode.Ok;
  } finally {
    await close();
  }
}
