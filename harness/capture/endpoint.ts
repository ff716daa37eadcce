/** One end of a packet: a numeric address as the socket reports it ("127.0.0.1", "::1") and a port. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}
