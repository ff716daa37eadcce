import type { MsDiagnostics } from "../model/ms-diagnostics.js";

export function parseMsDiagnostics(header: MsDiagnostics["header"], raw: string): MsDiagnostics {
  const [first = "", ...rest] = splitParams(raw);
  const code = /^\s*\d+\s*$/.test(first) ? Number(first.trim()) : null;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    params[name] = unquote(part.slice(eq + 1).trim());
  }
  return {
    header,
    code,
    reason: params.reason ?? null,
    source: params.source ?? null,
    appName: params.appname ?? null,
    component: componentOf(code),
    raw,
  };
}

/** Both headers from a response's raw header lines, in the order they appear. */
export function msDiagnosticsOf(headers: (name: string) => string[]): MsDiagnostics[] {
  return [
    ...headers("ms-diagnostics").map((raw) => parseMsDiagnostics("ms-diagnostics", raw)),
    ...headers("ms-diagnostics-public").map((raw) => parseMsDiagnostics("ms-diagnostics-public", raw)),
  ];
}

function componentOf(code: number | null): MsDiagnostics["component"] {
  if (code === null) return null;
  if (code >= 15000 && code <= 15999) return "exchange-um-routing";
  if (code >= 10000 && code <= 10999) return "mediation-server";
  if (code >= 1000 && code <= 1999) return "sip-stack";
  return null;
}

/** Splits on `;` outside double quotes (a reason text may hold semicolons). */
function splitParams(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && quoted && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ";" && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return value;
}
