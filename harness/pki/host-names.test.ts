import t from "tap";
import { coveringName, isIpAddress, isValidFqdn, isWildcard, nameCovers } from "./host-names.js";

t.test("wildcards cover exactly one left-most label (RFC 6125 §6.4.3)", async (t) => {
  const table: [string, string, boolean][] = [
    ["*.contoso.com", "pool01.contoso.com", true],
    ["*.contoso.com", "POOL01.Contoso.com", true],
    ["*.contoso.com", "mbx01.tukwila.contoso.com", false],
    ["*.contoso.com", "contoso.com", false],
    ["*.tukwila.contoso.com", "mbx01.tukwila.contoso.com", true],
    ["*.com", "contoso.com", false],
    ["mbx01.tukwila.contoso.com", "mbx01.tukwila.contoso.com.", true],
    ["mbx01.tukwila.contoso.com", "mbx02.tukwila.contoso.com", false],
    ["*.*.contoso.com", "a.b.contoso.com", false],
  ];
  for (const [pattern, host, expected] of table) t.equal(nameCovers(pattern, host), expected, `${pattern} ~ ${host}`);
  t.equal(coveringName(["a.contoso.com", "*.dublin.contoso.com"], "mbx03.dublin.contoso.com"), "*.dublin.contoso.com");
  t.equal(coveringName(["a.contoso.com"], "b.contoso.com"), undefined);
});

t.test("FQDN, wildcard and IP checks", async (t) => {
  t.ok(isValidFqdn("mbx01.tukwila.contoso.com"));
  t.ok(isValidFqdn("um2010.contoso.com."));
  for (const bad of ["mbx01", "Exchange UM", "*.contoso.com", "-a.contoso.com", "a..b", "10.0.0.1", ""]) {
    t.notOk(isValidFqdn(bad), `not an FQDN: "${bad}"`);
  }
  t.ok(isWildcard("*.contoso.com"));
  t.notOk(isWildcard("contoso.com"));
  t.ok(isIpAddress("127.0.0.1"));
  t.ok(isIpAddress("::1"));
  t.notOk(isIpAddress("cas01.tukwila.contoso.com"));
});
