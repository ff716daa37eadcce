/**
 * Text for report.md. A peer's text (reason phrases, headers, certificate subjects, event messages) must read as text
 * in every Markdown viewer: no emphasis, links or raw HTML out of it, and no broken table. `< > &` become entities
 * (GitHub and most viewers pass raw HTML through), the characters that make emphasis, code, links and table cells are
 * backslash-escaped (and, with `atLineStart`, those that would start a heading or a list), line breaks become spaces.
 */
export function mdText(text: string, options: { atLineStart?: boolean } = {}): string {
  const escaped = oneLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1");
  return options.atLineStart ? escaped.replace(/^([#+=-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2") : escaped;
}

/**
 * Inline code: the text verbatim between enough backticks (CommonMark: a fence longer than any run of backticks in
 * it). A `|` inside a table cell still ends the cell in GitHub's tables, so pass `inTable` there.
 */
export function mdCode(text: string, options: { inTable?: boolean } = {}): string {
  let body = oneLine(text);
  if (options.inTable) body = body.replace(/\|/g, "\\|");
  if (body === "") return "` `";
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || (body.startsWith(" ") && body.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block holding `text` verbatim (a fence longer than any backtick run inside it). */
export function mdFence(text: string, info = ""): string {
  const longest = Math.max(0, ...(text.match(/^`{3,}/gm) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\r\n/g, "\n").replace(/\n$/, "")}\n${fence}`;
}

/** A Markdown table: a header row, the separator, one row per entry (cells are Markdown already). */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, " ");
}
