import t from "tap";
import { createLogger } from "./logger.js";
import { sipJsLogConnector } from "./sipjs-log-connector.js";

function capture(level: "info" | "trace" = "info") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

t.test("private keys and passphrases are redacted", async (t) => {
  const { logger, lines } = capture();
  logger.info({ identity: { keyPem: "-----BEGIN PRIVATE KEY-----", certPem: "cert" }, passphrase: "secret" }, "loaded");
  const record = lines[0] as { identity: { keyPem: string; certPem: string }; passphrase: string };
  t.equal(record.identity.keyPem, "[redacted]");
  t.equal(record.identity.certPem, "cert");
  t.equal(record.passphrase, "[redacted]");
  t.notMatch(JSON.stringify(lines), /BEGIN PRIVATE KEY|secret/);
});

t.test("sip.js lines are forwarded with their category, filtered by level", async (t) => {
  const { logger, lines } = capture("info");
  const connector = sipJsLogConnector(logger);
  connector("log", "sip.Transport", undefined, "chatty");
  connector("warn", "sip.UserAgent", "ua", "Via sent-by does not match. Dropping.");
  t.equal(lines.length, 1);
  t.match(lines[0], { level: 40, sipjs: "sip.UserAgent", label: "ua", msg: /Dropping/ });
  const verbose = capture("trace");
  sipJsLogConnector(verbose.logger)("debug", "sip.Core", undefined, "very chatty");
  sipJsLogConnector(verbose.logger)("odd", "sip.Core", undefined, "unknown level");
  t.equal(verbose.lines.length, 2);
});
