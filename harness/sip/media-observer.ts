import { createSocket, type Socket as UdpSocket } from "node:dgram";
import type { MediaObservation } from "../model/media-observation.js";

export interface MediaObserver {
  readonly port: number;
  stop(): Promise<MediaObservation>;
}

/**
 * Binds a UDP port on our signalling address for the offer's m= line and counts what arrives there. It
 * never sends: the harness proves negotiation, it does not play audio.
 */
export async function observeMedia(address: string): Promise<MediaObserver> {
  const socket: UdpSocket = createSocket(address.includes(":") ? "udp6" : "udp4");
  let packets = 0;
  let bytes = 0;
  let firstPayloadType: number | null = null;
  const firstSizes: number[] = [];
  socket.on("message", (message) => {
    packets++;
    bytes += message.length;
    if (firstSizes.length < 5) firstSizes.push(message.length);
    if (firstPayloadType === null && message.length >= 12) firstPayloadType = (message[1] ?? 0) & 0x7f;
  });
  socket.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, address, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const port = socket.address().port;
  return {
    port,
    async stop() {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      return { port, packets, bytes, firstSizes, firstPayloadType };
    },
  };
}
