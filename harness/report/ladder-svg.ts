import { html, type SafeHtml } from "./escape-html.js";
import type { Ladder, LadderArrow, LadderArrowKind } from "./ladder-model.js";
import { durationText } from "../model/duration-text.js";

const TIME_WIDTH = 78;
const LANE_WIDTH = 210;
const HEADER_HEIGHT = 52;
const ROW_HEIGHT = 30;
const CHAR_WIDTH = 6.4;

const KINDS: readonly LadderArrowKind[] = ["request", "provisional", "success", "redirect", "failure", "broken"];

/** Text cut to fit `width` pixels at the ladder's font size, with an ellipsis. */
function fit(text: string, width: number): string {
  const max = Math.max(4, Math.floor(width / CHAR_WIDTH));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function center(lane: number): number {
  return TIME_WIDTH + lane * LANE_WIDTH + LANE_WIDTH / 2;
}

function arrowSvg(arrow: LadderArrow, row: number, id: string): SafeHtml {
  const y = HEADER_HEIGHT + (row + 1) * ROW_HEIGHT;
  const x1 = center(arrow.from);
  const x2 = center(arrow.to);
  const inset = x2 > x1 ? -4 : 4;
  const span = Math.abs(x2 - x1);
  const label = arrow.elapsedMs === null ? arrow.label : `${arrow.label} · ${durationText(arrow.elapsedMs)}`;
  const time = arrow.atMs === null ? "" : `+${durationText(arrow.atMs)}`;
  // The head of the message (the body, SDP, is in the step's SDP section): request or status line and headers.
  const tooltip = (arrow.raw ?? arrow.label).split(/\r?\n\r?\n/, 1)[0] ?? arrow.label;
  return html`<g class="arrow ${arrow.kind}"><title>${tooltip}</title><text class="time" x="4" y="${y + 4}">${time}</text><line x1="${x1}" y1="${y}" x2="${x2 + inset}" y2="${y}" marker-end="url(#${id}-${arrow.kind})"/><text class="label" x="${(x1 + x2) / 2}" y="${y - 6}" text-anchor="middle">${fit(label, span - 8)}</text></g>`;
}

/**
 * A ladder diagram as inline SVG (no external resource): lane headers with each endpoint's host, role, port and
 * transport; one arrow per message with its status and the time since the probe started; the message's head as the
 * arrow's tooltip. Every text is a peer's or comes from one: the {@link html} template escapes it. `id` must be unique
 * in the page (it names the arrowhead markers).
 */
export function renderLadderSvg(ladder: Ladder, id: string, caption: string): SafeHtml {
  const width = TIME_WIDTH + ladder.lanes.length * LANE_WIDTH;
  const height = HEADER_HEIGHT + (ladder.arrows.length + 1) * ROW_HEIGHT;
  const markers = KINDS.map(
    (kind) => html`<marker id="${id}-${kind}" class="head ${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
  );
  const lanes = ladder.lanes.map(
    (lane, index) =>
      html`<g class="lane"><text class="lane-title" x="${center(index)}" y="18" text-anchor="middle">${fit(lane.title, LANE_WIDTH - 10)}<title>${lane.title}</title></text>${
        lane.detail === null ? "" : html`<text class="lane-detail" x="${center(index)}" y="34" text-anchor="middle">${fit(lane.detail, LANE_WIDTH - 10)}</text>`
      }<line x1="${center(index)}" y1="${HEADER_HEIGHT - 8}" x2="${center(index)}" y2="${height - 6}"/></g>`,
  );
  const arrows = ladder.arrows.map((arrow, row) => arrowSvg(arrow, row, id));
  return html`<svg class="ladder" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="${id}-title">${caption}</title><defs>${markers}</defs>${lanes}${arrows}</svg>`;
}
