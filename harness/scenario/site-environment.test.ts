import t from "tap";
import { silentLogger } from "../log/logger.js";
import { parseSiteYaml } from "./load-site.js";
import { siteEnvironment } from "./site-environment.js";

const site = parseSiteYaml(
  `domain: contoso.com
roles:
  callRouter: cas01.contoso.com
  umService: [mbx01.contoso.com, { fqdn: mbx02.contoso.com, tlsPort: 5163 }]
  owa: mbx01.contoso.com:5199
identity: { pfx: pool.pfx }
caBundle: ca.pem
`,
  "/sites/site.yaml",
);
const env = siteEnvironment(site, { caPem: [], personas: new Map() }, silentLogger, undefined);
const hop = (target: string, port: number) => ({ address: "10.0.0.5", port, transport: "tls" as const, target });

t.test("a hop on a site is placed by the role its host is bound to on that port, else by the product's ports", async (t) => {
  t.same(env.placeOf(hop("sip:alice@cas01.contoso.com:5061;transport=tls", 5061)), { role: "callRouter", server: "cas01.contoso.com" });
  t.same(env.placeOf(hop("sip:alice@mbx01.contoso.com:5063;transport=tls", 5063)), { role: "umService", server: "mbx01.contoso.com" });
  t.same(env.placeOf(hop("sip:mbx01.contoso.com:5199;transport=tls", 5199)), { role: "owa", server: "mbx01.contoso.com" }, "one host, two roles: the port decides");
  t.same(env.placeOf(hop("sip:alice@mbx02.contoso.com:5163;transport=tls", 5163)), { role: "umService", server: "mbx02.contoso.com" }, "a port the site gives");
  t.same(env.placeOf(hop("sip:alice@mbx01.contoso.com:5066;transport=tls", 5066)), { role: "worker", server: "mbx01.contoso.com" }, "the worker, reached by redirect, by its port (docs/protocol.md §1)");
  t.same(env.placeOf(hop("sip:alice@mbx07.contoso.com:5063;transport=tls", 5063)), { role: "umService", server: "mbx07.contoso.com" }, "a Mailbox server the site does not bind");
  t.same(env.placeOf(hop("sip:sbc.contoso.com:5099;transport=tls", 5099)), { role: null, server: "sbc.contoso.com" });
  t.equal(env.lab, null);
  t.equal(env.portOf({ ref: "callRouter", role: "callRouter", fqdn: "cas01.contoso.com", port: 5061, transport: "tls", listener: null }), 5061);
});
