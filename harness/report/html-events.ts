import { html, type SafeHtml } from "./escape-html.js";
import type { LabEvent } from "../model/lab-event.js";

/** The simulated servers' event log (docs/design.md §5: "the report shows the server's view beside the client's"). */
export function eventsHtml(events: readonly LabEvent[], caption: string): SafeHtml {
  if (events.length === 0) return html``;
  return html`<h4 class="events-title">${caption}</h4><div class="scroll"><table class="events"><tr><th>time</th><th>server</th><th>event</th><th>level</th><th>source</th><th>message</th></tr>${events.map(
    (event) =>
      html`<tr class="${event.level}"><td class="mono">${event.at}</td><td>${event.server}</td><td>${event.eventId}</td><td>${event.level}</td><td>${event.source ?? ""}</td><td>${event.message}</td></tr>`,
  )}</table></div>`;
}
