import type { MonitorEvent } from "./monitor-event.js";
import { eventLine } from "./event-line.js";
import type { MonitorState } from "./monitor-state.js";
import { terminalLines } from "./terminal-lines.js";

/** Event lines kept under the live view. */
const RECENT = 6;

/**
 * The live terminal view: on a TTY, one line per target (and call) redrawn in place, with the latest events under it;
 * otherwise a plain line per event that matters (eventLine), so a log file or a pipe reads top to bottom.
 */
export class TerminalView {
  readonly #out: (text: string) => void;
  readonly #tty: boolean;
  readonly #recent: string[] = [];
  #drawn = 0;

  constructor(out: (text: string) => void, tty: boolean) {
    this.#out = out;
    this.#tty = tty;
  }

  event(event: MonitorEvent, state: MonitorState): void {
    const line = eventLine(event);
    if (!this.#tty) {
      if (line !== null) this.#out(`${line}\n`);
      return;
    }
    if (line !== null) {
      this.#recent.push(line);
      if (this.#recent.length > RECENT) this.#recent.shift();
    }
    this.draw(state);
  }

  /** Redraws the view (TTY only): cursor up over what was drawn, each line cleared and written again. */
  draw(state: MonitorState): void {
    if (!this.#tty) return;
    const lines = [...terminalLines(state), "", ...this.#recent];
    const up = this.#drawn > 0 ? `\x1b[${this.#drawn}A` : "";
    this.#out(`${up}${lines.map((line) => `\x1b[2K${line}\n`).join("")}`);
    this.#drawn = lines.length;
  }
}
