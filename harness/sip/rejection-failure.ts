import { failure, type ProbeFailure } from "../model/probe-failure.js";
import type { ResponseFacts } from "./response-facts.js";

/**
 * Classifies a final failure response that the media facts did not explain, from the structured
 * ms-diagnostics(-public) header the server sent (docs/protocol.md §4 named rejection reasons), never from the
 * reason phrase.
 */
export function rejectionFailure(response: ResponseFacts): ProbeFailure {
  const reasons = response.diagnostics.map((d) => (d.reason ?? "").toLowerCase().replace(/[^a-z]/g, ""));
  const summary = `${response.status} ${response.reason}`.trim();
  const diagnostic = response.diagnostics[0];
  const detail = diagnostic ? ` (${diagnostic.header}: ${diagnostic.code ?? "?"} ${diagnostic.reason ?? ""})`.replace(/ \)$/, ")") : "";
  if (response.status === 403 && reasons.includes("unauthorizedgateway")) {
    return failure("unauthorized-gateway", `${summary}: our certificate names no UM IP gateway${detail}`);
  }
  if (response.status === 403 && reasons.includes("incorrecthuntgroup")) {
    return failure("security-parity", `${summary}: the call's transport does not match the dial plan's security${detail}`);
  }
  return failure("rejected", `${summary}${detail}`);
}
