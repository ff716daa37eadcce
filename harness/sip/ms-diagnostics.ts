import type { MsDiagnostics } from "../model/ms-diagnostics.js";

/**
 * Parses one `ms-diagnostics` / `ms-diagnostics-public` header value: `<ErrorId>[.<SubErrorCode>]` then `;`-separated
 * parameters in any order and any case, quoted or bare, with or without spaces around `=` (docs/protocol.md §10).
 * Every parameter is kept in `params` (lower-case names); `reason`, `source` and `appName` are read from there.
 */
export function parseMsDiagnostics(header: MsDiagnostics["header"], raw: string): MsDiagnostics {
  const [first = "", ...rest] = splitParams(raw);
  const id = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(first);
  const code = id?.[1] === undefined ? null : Number(id[1]);
  const subCode = id?.[2] === undefined ? null : Number(id[2]);
  // A header that starts with a parameter instead of an ErrorId still has its parameters read.
  const parts = id === null && first.includes("=") ? [first, ...rest] : rest;
  const params = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf("=");
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === "" || params.has(name)) continue;
    params.set(name, eq === -1 ? "" : unquote(part.slice(eq + 1).trim()));
  }
  // A parameter given without a value (or with an empty one) says nothing: null, as when it is absent.
  const text = (name: string) => params.get(name) || null;
  return {
    header,
    code,
    subCode,
    reason: text("reason"),
    source: text("source"),
    appName: text("appname"),
    component: componentOf(code),
    // fromEntries defines own properties, so even a parameter named `__proto__` stays a plain entry.
    params: Object.fromEntries(params),
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

/** docs/protocol.md §10: a reason is recognised by its leading words (one home: model/reason-leads-with.ts). */
export { reasonLeadsWith } from "../model/reason-leads-with.js";

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

/**
 * A quoted-string's content (escapes undone, spaces inside the quotes kept as sent), or a bare token as it is.
 * Anything after the closing quote is dropped; an unclosed quote runs to the end.
 */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  let out = "";
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && i + 1 < value.length) {
      out += value[i + 1];
      i++;
    } else if (c === '"') {
      return out;
    } else {
      out += c;
    }
  }
  return out;
}
