/**
 * HTML that is already safe to put in a page: markup the renderer wrote itself, or text that went through
 * {@link escapeHtml}. Everything else is text and is escaped on the way in (docs/design.md §7: "Everything a peer sent is
 * escaped"), so a renderer cannot forget to escape a header, a reason phrase, SDP or a certificate subject.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML: `& < > " '` become entities (safe in element content and in quoted attribute values alike). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** A value an {@link html} template may hold: text (escaped), numbers, safe HTML, lists of them, or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** One value as safe HTML: SafeHtml as it is, arrays joined, null/undefined/false as nothing, the rest escaped. */
export function toHtml(value: HtmlValue): SafeHtml {
  if (value instanceof SafeHtml) return value;
  if (value === null || value === undefined || value === false) return new SafeHtml("");
  if (Array.isArray(value)) return new SafeHtml(value.map((item: HtmlValue) => toHtml(item).value).join(""));
  return new SafeHtml(escapeHtml(String(value)));
}

/**
 * A tagged template for markup: the literal parts are ours, every interpolated value is escaped unless it is already
 * {@link SafeHtml}. `` html`<td>${hop.reason}</td>` `` is safe whatever the peer wrote in its reason phrase.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += toHtml(value).value + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Markup we wrote ourselves (CSS, a script, an entity): never a peer's text. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
