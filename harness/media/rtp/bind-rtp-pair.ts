import { createSocket, type Socket } from "node:dgram";

/** An RTP socket and its RTCP socket on the next port (RFC 3550 §11: RTP on an even port, RTCP on the next one). */
export interface RtpSocketPair {
  readonly rtp: Socket;
  readonly rtcp: Socket;
  readonly address: string;
  readonly port: number;
}

const ATTEMPTS = 32;

function bind(socket: Socket, port: number, address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const failed = () => resolve(false);
    socket.once("error", failed);
    socket.bind(port, address, () => {
      socket.off("error", failed);
      resolve(true);
    });
  });
}

function close(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

/**
 * Binds an even RTP port and the odd RTCP port above it on `address` (RFC 3550 §11: "RTP SHOULD use an even
 * destination port number and the corresponding RTCP stream SHOULD use the next higher (odd) destination port
 * number"; an offer without `a=rtcp` promises exactly that, RFC 3605 §2.1). The system picks the RTP port; when it
 * is odd or its neighbour is taken, it tries again, a bounded number of times.
 */
export async function bindRtpPair(address: string): Promise<RtpSocketPair> {
  const type = address.includes(":") ? "udp6" : "udp4";
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const rtp = createSocket(type);
    if (!(await bind(rtp, 0, address))) {
      await close(rtp);
      break;
    }
    const port = rtp.address().port;
    if (port % 2 === 0 && port < 65535) {
      const rtcp = createSocket(type);
      if (await bind(rtcp, port + 1, address)) return { rtp, rtcp, address, port };
      await close(rtcp);
    }
    await close(rtp);
  }
  throw new Error(`no free even/odd UDP port pair on ${address} after ${ATTEMPTS} attempts`);
}
