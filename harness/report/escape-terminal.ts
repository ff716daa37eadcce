/**
 * A peer's text for the terminal: control characters (ESC and the rest of C0, DEL, C1) shown as `\xNN`, so a reason
 * phrase or header cannot move the cursor, recolour or retitle the terminal. Line breaks become spaces.
 */
export function terminalText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, " ")
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
