/** The raw lines of an SDP body, cut where each m= section starts. */
export interface SdpSections {
  /** The `x=` lines before the first m= line. */
  session: string[];
  /** One array per m= section, starting with its m= line. */
  media: string[][];
}

/**
 * Cuts SDP text into its session part and its m= sections, keeping each `x=value` line as written. Lines are split
 * and filtered exactly as sdp-transform does (CRLF, LF or CR; only `<letter>=` lines), so section `i` here is
 * `media[i]` in sdp-transform's result.
 */
export function sdpSections(text: string): SdpSections {
  const sections: SdpSections = { session: [], media: [] };
  let current = sections.session;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!/^[a-z]=/.test(line)) continue;
    if (line.startsWith("m=")) {
      current = [];
      sections.media.push(current);
    }
    current.push(line);
  }
  return sections;
}
