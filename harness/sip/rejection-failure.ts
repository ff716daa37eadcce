import { failure, type ProbeFailure } from "../model/probe-failure.js";
import type { MsDiagnostics } from "../model/ms-diagnostics.js";
import { reasonLeadsWith } from "./ms-diagnostics.js";
import type { ResponseFacts } from "./response-facts.js";

/**
 * Classifies a final failure response that the media facts did not explain, from the structured
 * ms-diagnostics(-public) header the server sent (docs/protocol.md §4 named rejection reasons), never from the
 * reason phrase. A reason is recognised by its leading words, since Exchange may follow it with details
 * (`… Pilot number: …. UMIPGateway: ….`, docs/protocol.md §10): never by comparing the whole text.
 */
export function rejectionFailure(response: ResponseFacts): ProbeFailure {
  const leads = (name: string) => response.diagnostics.some((d) => reasonLeadsWith(d.reason, name));
  const summary = `${response.status} ${response.reason}`.trim();
  const diagnostic = response.diagnostics[0];
  const detail = diagnostic ? ` (${diagnostic.header}: ${idOf(diagnostic)} ${diagnostic.reason ?? ""})`.replace(/ \)$/, ")") : "";
  // docs/protocol.md §4, §10: 15000–15999 is Exchange UM routing, the Front End's ExumRouting application; the support
  // article's 15000 says it could not read the user or contact object.
  const exum = response.diagnostics.find((d) => d.header === "ms-diagnostics" && (d.component === "exchange-um-routing" || d.appName?.toLowerCase() === "exumrouting"));
  if (exum !== undefined) {
    const said = ` (ms-diagnostics: ${idOf(exum)} ${exum.reason ?? ""}${exum.appName === null ? "" : ` appName=${exum.appName}`})`.replace(/ \)$/, ")");
    if (exum.code === 15000) return failure("exum-user-not-readable", `${summary}: the pool's ExumRouting could not read the user or contact object${said}`);
    return failure("exum-routing-failed", `${summary}: the pool's ExumRouting could not route the call to Exchange UM${said}`);
  }
  if (response.status === 403 && leads("UnAuthorizedGateway")) {
    return failure("unauthorized-gateway", `${summary}: our certificate names no UM IP gateway${detail}`);
  }
  if (response.status === 403 && leads("IncorrectHuntGroup")) {
    return failure("security-parity", `${summary}: the call's transport does not match the dial plan's security${detail}`);
  }
  return failure("rejected", `${summary}${detail}`);
}

/** `<ErrorId>[.<SubErrorCode>]` as the header had it, `?` when it had none. */
function idOf(diagnostic: MsDiagnostics): string {
  if (diagnostic.code === null) return "?";
  return diagnostic.subCode === null || diagnostic.subCode === undefined ? `${diagnostic.code}` : `${diagnostic.code}.${diagnostic.subCode}`;
}
