import type { ListenerDrop } from "../net/listener-drop.js";
import type { EventLevel } from "./event-log.js";
import { eventLevelOf, LAB_EVENT_IDS } from "./lab-event-ids.js";

/** The event a server writes for a listener drop: one line saying what was dropped and which bound it broke. */
export interface ListenerDropEvent {
  readonly eventId: number;
  readonly level: EventLevel;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

function what(drop: ListenerDrop): string {
  switch (drop.reason) {
    case "request-timeout":
      return `closed the connection from ${drop.peerAddress}:${drop.peerPort}: its request was not complete within ${drop.limit} ms (${drop.bufferedBytes} bytes received)`;
    case "buffered-bytes":
      return `closed the connection from ${drop.peerAddress}:${drop.peerPort}: it held ${drop.bufferedBytes} bytes, over the bound of ${drop.limit}`;
    case "connections-per-address":
      return `refused ${drop.connections} connection(s) from ${drop.peerAddress}: it already holds ${drop.limit} connections`;
    case "connections":
      return `refused ${drop.connections} connection(s) from ${drop.peerAddress}: the listener already holds ${drop.limit} connections`;
  }
}

/** Event 60101 (lab-event-ids.ts `labConnectionDropped`) for `drop` on the listener named `listener`. */
export function listenerDropEvent(drop: ListenerDrop, listener: string): ListenerDropEvent {
  const eventId = LAB_EVENT_IDS.labConnectionDropped;
  return {
    eventId,
    level: eventLevelOf(eventId),
    message: `Listener ${listener} ${what(drop)}.`,
    details: { listener, reason: drop.reason, peerAddress: drop.peerAddress, peerPort: drop.peerPort, limit: drop.limit, connections: drop.connections, bufferedBytes: drop.bufferedBytes },
  };
}
