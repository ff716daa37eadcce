import { syncBuiltinESMExports } from "node:module";
import tls from "node:tls";
import t from "tap";
import { createLogger } from "../../log/logger.js";
import { routerFqdn, sharedPki } from "../../testing/probe-fixture.js";
import { SimListener } from "../net/sim-listener.js";
import { ExumLeg } from "./exum-leg.js";

const noEvents = { onMessage: () => undefined, onClose: () => undefined };

t.test("the pool's legs to a UM server share one SecureContext; a bad pair is a failure, not a throw", async (t) => {
  const pki = await sharedPki();
  const server = await pki.identity("cas01");
  const pool = await pki.identity("pool");
  const sim = new SimListener({
    address: "127.0.0.1",
    port: 0,
    transport: "tls",
    tls: { cert: server.certPem, key: server.keyPem, ca: [pki.rootCaPem], requestCert: true, rejectUnauthorized: true },
    gate: () => "accept",
    onRequest: () => undefined,
    logger: createLogger({ level: "silent" }),
  });
  await sim.listen();
  t.teardown(() => sim.stop());
  // Counts the contexts node:tls builds (the listener's own server included), seen by ES module imports too.
  const original = tls.createSecureContext;
  let built = 0;
  tls.createSecureContext = (...args) => {
    built += 1;
    return original(...args);
  };
  syncBuiltinESMExports();
  t.teardown(() => {
    tls.createSecureContext = original;
    syncBuiltinESMExports();
  });
  const target = { fqdn: routerFqdn, address: "127.0.0.1", port: sim.port, transport: "tls" as const };
  const identity = { certPem: pool.certPem, keyPem: pool.keyPem, caPem: [pki.rootCaPem] };
  const legs: ExumLeg[] = [];
  for (let call = 0; call < 3; call++) {
    const leg = await ExumLeg.open(target, identity, 5000, noEvents);
    t.ok(leg instanceof ExumLeg, `leg ${call + 1} connected with mutual TLS: ${JSON.stringify(leg instanceof ExumLeg ? "" : leg)}`);
    if (leg instanceof ExumLeg) legs.push(leg);
  }
  t.teardown(() => legs.forEach((leg) => leg.close()));
  // The first leg: the pool's context and the listener's server; each further leg: none (was one per leg).
  t.equal(built, 2, "three legs, one client context");
  const refused = await ExumLeg.open(target, { ...identity, keyPem: server.keyPem }, 5000, noEvents);
  t.match(refused, { failure: /private key does not belong to the certificate/ });
});
