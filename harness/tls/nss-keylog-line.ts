/** One line of the NSS key log format: `<LABEL> <client_random hex> <secret hex>`. */
export interface NssKeylogLine {
  /** `CLIENT_RANDOM` (TLS 1.2), `SERVER_HANDSHAKE_TRAFFIC_SECRET`, `CLIENT_TRAFFIC_SECRET_0` (TLS 1.3) … */
  label: string;
  /** The ClientHello random, 32 bytes as hex: which connection the line belongs to. */
  clientRandom: string;
  secret: Buffer;
}

const LINE = /^([A-Z0-9_]+) ([0-9a-fA-F]{64}) ([0-9a-fA-F]+)\s*$/;

/** Parses one key log line (with or without its newline); null for comments, blanks and anything malformed. */
export function parseNssKeylogLine(line: string | Buffer): NssKeylogLine | null {
  const text = typeof line === "string" ? line : line.toString("latin1");
  const match = LINE.exec(text);
  if (match === null) return null;
  const [, label, clientRandom, secret] = match;
  if (label === undefined || clientRandom === undefined || secret === undefined || secret.length % 2 !== 0) return null;
  return { label, clientRandom: clientRandom.toLowerCase(), secret: Buffer.from(secret, "hex") };
}
