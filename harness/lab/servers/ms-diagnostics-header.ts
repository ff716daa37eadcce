/**
 * Exchange's rejection header. docs/protocol.md §4 "Exchange rejection header [OBS]":
 * `ms-diagnostics-public: <ErrorCode>;source="<local fqdn>";reason="<text>"`.
 */
export function msDiagnosticsPublic(code: number, source: string, reason: string): string {
  return `ms-diagnostics-public: ${code};source="${quoted(source)}";reason="${quoted(reason)}"`;
}

/**
 * The Lync/SfB form. docs/protocol.md §4 [DOC]: `ms-diagnostics: <id>;reason="<text>";source="<fqdn>"[;appName="…"]`.
 */
export function msDiagnostics(code: number, reason: string, source: string, appName?: string): string {
  return `ms-diagnostics: ${code};reason="${quoted(reason)}";source="${quoted(source)}"${appName === undefined ? "" : `;appName="${quoted(appName)}"`}`;
}

function quoted(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, " ");
}
