/**
 * Where TLS key log lines go (NSS key log format: `<LABEL> <client_random> <secret>`, one per line), so Wireshark
 * or tshark can decrypt a capture (`-o tls.keylog_file:<file>`). Lines hold secrets: never log them.
 */
export interface KeylogSink {
  /** One line as the TLSSocket `keylog` event gives it (a Buffer ending in a newline). */
  write(line: Buffer): void;
  /** Flushes and closes; later writes are dropped. */
  close(): Promise<void>;
}

/** A sink that keeps the lines in memory (tests; a report that embeds the key log). */
export class MemoryKeylog implements KeylogSink {
  readonly lines: string[] = [];

  write(line: Buffer): void {
    this.lines.push(line.toString("latin1").replace(/\n$/, ""));
  }

  async close(): Promise<void> {}
}
