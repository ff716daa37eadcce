import t from "tap";
import type { CertificateSummary } from "../../model/certificate-summary.js";
import { applyOverrides } from "../topology/topology-overrides.js";
import { defaultLoadedTopology, defaultTopology } from "../topology/topology-default.js";
import { certificateNamesPeer, matchTrustedPeer, trustedPeers, type TrustedPeer } from "./sim-pool-trusted-peers.js";

const cert = (commonName: string | null, dns: string[]): CertificateSummary => ({
  subject: commonName === null ? "" : `CN=${commonName}`,
  commonName,
  san: dns.map((name) => `DNS:${name}`),
  issuer: "CN=exum Lab Root CA",
  validFrom: "2025-01-01T00:00:00.000Z",
  validTo: "2035-01-01T00:00:00.000Z",
  fingerprint256: "00",
  serialNumber: "01",
});

t.test("the pool's peers in the default lab: Exchange, Mediation, pool, OWA — never the gateway", async (t) => {
  const peers = trustedPeers(defaultTopology());
  t.same(
    peers.map((p) => `${p.role} ${p.fqdn}`),
    [
      "callRouter cas01.tukwila.contoso.com",
      "mailbox mbx01.tukwila.contoso.com",
      "mailbox mbx02.tukwila.contoso.com",
      "mailbox mbx03.dublin.contoso.com",
      "mailbox mbx04.dublin.contoso.com",
      "exchange2010 um2010.contoso.com",
      "pool pool01.contoso.com",
      "mediation med01.contoso.com",
      "owa owapool.contoso.com",
    ],
  );
  t.same(trustedPeers(defaultTopology(), ["pool"]), [{ fqdn: "pool01.contoso.com", role: "pool" }]);
});

t.test("servers added by overrides are peers at once", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: "owa2.contoso.com", role: "owa", port: 5299 }] });
  t.ok(trustedPeers(topology).some((p) => p.fqdn === "owa2.contoso.com"));
});

t.test("name matching (docs/protocol.md §5): exact CN or SAN, wildcards only in the SAN", async (t) => {
  const mbx: TrustedPeer = { fqdn: "mbx03.dublin.contoso.com", role: "mailbox" };
  const cases: [string, CertificateSummary, boolean][] = [
    ["CN equal", cert("MBX03.dublin.contoso.com", []), true],
    ["SAN equal", cert("other.contoso.com", ["mbx03.dublin.contoso.com"]), true],
    ["SAN wildcard", cert("mbx01.tukwila.contoso.com", ["*.dublin.contoso.com"]), true],
    ["wildcard CN is not supported", cert("*.dublin.contoso.com", []), false],
    ["wildcard covers one label only", cert("x", ["*.contoso.com"]), false],
    ["another name", cert("gw01.contoso.com", ["gw01.contoso.com"]), false],
  ];
  for (const [name, summary, expected] of cases) t.equal(certificateNamesPeer(summary, mbx), expected, name);
});

t.test("the OWA trusted application: Subject Name AND SAN carry the pool FQDN (docs/protocol.md §1, seed)", async (t) => {
  const owa: TrustedPeer = { fqdn: "owapool.contoso.com", role: "owa" };
  t.ok(certificateNamesPeer(cert("owapool.contoso.com", ["owapool.contoso.com"]), owa), "both");
  t.notOk(certificateNamesPeer(cert("owapool.contoso.com", []), owa), "CN only");
  t.notOk(certificateNamesPeer(cert("mbx01.tukwila.contoso.com", ["owapool.contoso.com"]), owa), "SAN only");
  t.notOk(certificateNamesPeer(cert("*.contoso.com", ["*.contoso.com"]), owa), "wildcards");
});

t.test("matchTrustedPeer: the first peer named, or null", async (t) => {
  const peers = trustedPeers(defaultTopology());
  t.match(matchTrustedPeer(cert("med01.contoso.com", ["med01.contoso.com"]), peers), { role: "mediation" });
  t.equal(matchTrustedPeer(cert("gw01.contoso.com", ["gw01.contoso.com"]), peers), null);
  t.equal(matchTrustedPeer(null, peers), null);
});

t.test("matchTrustedPeer prefers the Subject CN, then an exact SAN, over a wildcard", async (t) => {
  const peers = trustedPeers(defaultTopology());
  t.match(matchTrustedPeer(cert("mbx01.tukwila.contoso.com", ["mbx01.tukwila.contoso.com", "*.tukwila.contoso.com"]), peers), { fqdn: "mbx01.tukwila.contoso.com" });
  t.match(matchTrustedPeer(cert("x.example", ["*.tukwila.contoso.com", "mbx02.tukwila.contoso.com"]), peers), { fqdn: "mbx02.tukwila.contoso.com" });
  t.match(matchTrustedPeer(cert("x.example", ["*.tukwila.contoso.com"]), peers), { fqdn: "cas01.tukwila.contoso.com" });
});
