import { createRequire } from "node:module";
import t from "tap";
import { createLogger } from "./logger.js";
import { sipJsLogConnector } from "./sipjs-log-connector.js";

function capture(level: "info" | "trace" = "info") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

// First: the tests after it write lines, which load pino.
t.test("pino and the destination are made when the first line is written, not before", async (t) => {
  const pinoLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => /[\\/]node_modules[\\/]pino[\\/]pino\.js$/.test(path));
  t.equal(pinoLoaded(), false, "importing logger.ts did not load pino");
  let made = 0;
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    destination: () => {
      made++;
      return { write: (line: string) => void lines.push(line) };
    },
  });
  logger.child({ a: 1 }).debug("below the level");
  t.equal(made, 0, "nothing written, nothing made");
  t.equal(pinoLoaded(), false);
  logger.child({ a: 1 }).info("one");
  logger.info("two");
  t.equal(made, 1, "one destination for the root and its children");
  t.equal(pinoLoaded(), true);
  t.equal(lines.length, 2);
});

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

t.test("children carry their bindings in order, and a level below the logger's is dropped", async (t) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: "warn", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  const child = logger.child({ run: "r1" }).child({ scenario: "s1", passphrase: "secret" });
  t.equal(child.isLevelEnabled("info"), false);
  t.equal(child.isLevelEnabled("warn"), true);
  t.equal(child.isLevelEnabled("no-such-level"), false);
  child.info("dropped");
  child.error({ keyPem: "-----BEGIN PRIVATE KEY-----" }, "kept");
  t.equal(lines.length, 1);
  t.match(lines[0], { level: 50, run: "r1", scenario: "s1", passphrase: "[redacted]", keyPem: "[redacted]", msg: "kept" });
  t.match(lines[0]?.time, /^\d{4}-\d\d-\d\dT/, "pino's ISO time");
  const silent = createLogger({ level: "silent" });
  t.equal(silent.isLevelEnabled("fatal"), false, "silent enables nothing");
});
