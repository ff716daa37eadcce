import { performance } from "node:perf_hooks";
import type { Core } from "sip.js";
import { msDiagnosticsOf } from "./ms-diagnostics.js";
import { type MsDiagnostics } from "../model/ms-diagnostics.js";

/** Headers worth showing beside a status, in this order, when present. */
export const selectedHeaderNames = [
  "server",
  "user-agent",
  "allow",
  "accept",
  "supported",
  "contact",
  "ms-diagnostics",
  "ms-diagnostics-public",
  "warning",
  "x-peer-tls",
  "x-peer-cn",
] as const;

/** A response as evidence: a value with status, reason and the parsed diagnostics (docs/style.md habit 10). */
export interface ResponseFacts {
  readonly status: number;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string[]>>;
  readonly diagnostics: MsDiagnostics[];
  readonly contacts: string[];
  readonly body: string;
  readonly contentType: string | null;
  /** performance.now() when it arrived. */
  readonly at: number;
}

/**
 * Facts from a sip.js response, or null for the synthetic 408/503 that sip.js makes up on a timeout or a
 * transport error (docs/sipjs.md: "told apart from real responses by `message.data === undefined`").
 */
export function responseFacts(message: Core.IncomingResponseMessage): ResponseFacts | null {
  if (message.data === undefined || message.data === "") return null;
  const headers: Record<string, string[]> = {};
  for (const name of selectedHeaderNames) {
    const values = message.getHeaders(name);
    if (values.length > 0) headers[name] = values;
  }
  return {
    status: message.statusCode ?? 0,
    reason: message.reasonPhrase ?? "",
    headers,
    diagnostics: msDiagnosticsOf((name) => message.getHeaders(name)),
    contacts: rawHeaderValues(message.data, "contact", "m"),
    body: message.body ?? "",
    contentType: message.getHeader("content-type") ?? null,
    at: performance.now(),
  };
}

/** Header values straight from the raw text (sip.js rewrites URIs it parses: docs/sipjs.md, redirect Contact). */
export function rawHeaderValues(raw: string, name: string, compact?: string): string[] {
  const end = raw.indexOf("\r\n\r\n");
  const lines = (end === -1 ? raw : raw.slice(0, end)).split("\r\n").slice(1);
  const values: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (key === name || (compact !== undefined && key === compact)) values.push(line.slice(colon + 1).trim());
  }
  return values;
}
