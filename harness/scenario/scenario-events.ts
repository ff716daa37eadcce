import type { Lab } from "../lab/index.js";
import type { ServerRole } from "../model/server-role.js";
import type { LabEvent } from "../model/lab-event.js";

/** The event source the real product writes under (docs/protocol.md §4), by lab server role. */
function sourceOf(role: ServerRole | undefined): string | null {
  switch (role) {
    case "callRouter":
    case "mailbox":
    case "exchange2010":
      return "MSExchange Unified Messaging";
    case "mediation":
      return "LS Mediation Server";
    case "pool":
      return "LS ExumRouting";
    default:
      return null;
  }
}

/**
 * The simulated servers' event log of a scenario's lab, as the run model keeps it (docs/design.md §5: "the report shows the
 * server's view beside the client's"): every entry the lab wrote, oldest first.
 */
export function scenarioEvents(lab: Lab): LabEvent[] {
  return lab.events.entries().map((event) => ({
    server: event.server,
    eventId: event.eventId,
    level: event.level === "Error" ? "error" : event.level === "Warning" ? "warning" : "information",
    source: sourceOf(lab.servers.get(event.server)?.role),
    message: event.message,
    at: event.at,
  }));
}
