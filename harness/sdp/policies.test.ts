import t from "tap";
import { isHarnessError } from "../errors/harness-error.js";
import { parseEncryptionLevel, policyForEncryptionLevel } from "./encryption-level.js";
import { ENCRYPTION_LEVELS } from "../model/encryption-level.js";
import { MEDIA_POLICIES, parseMediaPolicy } from "./media-policy.js";
import { parseSrtpMode, policyForSrtpMode } from "./srtp-mode.js";
import { SRTP_MODES } from "../model/srtp-mode.js";
import { parseVoipSecurity, workerPolicyForVoipSecurity } from "./voip-security.js";
import { VOIP_SECURITY_VALUES } from "../model/voip-security.js";

t.test("each product setting maps to one media policy", async (t) => {
  t.same(
    ENCRYPTION_LEVELS.map((level) => [level, policyForEncryptionLevel(level)]),
    [
      ["RequireEncryption", "required"],
      ["SupportEncryption", "optional"],
      ["DoNotSupportEncryption", "none"],
    ],
  );
  t.same(
    SRTP_MODES.map((mode) => [mode, policyForSrtpMode(mode)]),
    [
      ["Required", "required"],
      ["Optional", "optional"],
      ["NotSupported", "none"],
    ],
  );
  // docs/protocol.md §2: Exchange never negotiates SRTP optionally.
  t.same(
    VOIP_SECURITY_VALUES.map((security) => [security, workerPolicyForVoipSecurity(security)]),
    [
      ["Unsecured", "none"],
      ["SIPSecured", "none"],
      ["Secured", "required"],
    ],
  );
  t.same(MEDIA_POLICIES, ["required", "optional", "none"]);
});

const parsers = [
  { name: "EncryptionLevel", parse: parseEncryptionLevel, code: "EXUM_BAD_ENCRYPTION_LEVEL", good: [["requireencryption", "RequireEncryption"], [" SUPPORTENCRYPTION ", "SupportEncryption"], ["DoNotSupportEncryption", "DoNotSupportEncryption"]], bad: ["Require", "", "none"] },
  { name: "SRTPMode", parse: parseSrtpMode, code: "EXUM_BAD_SRTP_MODE", good: [["required", "Required"], ["OPTIONAL", "Optional"], ["notsupported", "NotSupported"]], bad: ["Not Supported", "yes"] },
  { name: "VoIPSecurity", parse: parseVoipSecurity, code: "EXUM_BAD_VOIP_SECURITY", good: [["unsecured", "Unsecured"], ["sipsecured", "SIPSecured"], ["SECURED", "Secured"]], bad: ["SIP-Secured", "tls"] },
  { name: "media policy", parse: parseMediaPolicy, code: "EXUM_BAD_MEDIA_POLICY", good: [["Required", "required"], ["none", "none"]], bad: ["off"] },
] as const;

for (const { name, parse, code, good, bad } of parsers) {
  t.test(`${name}: case-insensitive parse, and invalid input names the valid values`, async (t) => {
    for (const [text, expected] of good) t.equal(parse(text), expected, JSON.stringify(text));
    for (const text of bad) {
      try {
        parse(text, { file: "scenarios/a.yaml", field: "steps[0].call.encryption" });
        t.fail(`${JSON.stringify(text)} should not parse`);
      } catch (error) {
        t.ok(isHarnessError(error));
        if (!isHarnessError(error)) continue;
        t.equal(error.code, code);
        t.equal(error.kind, "input");
        t.equal(error.file, "scenarios/a.yaml");
        t.equal(error.field, "steps[0].call.encryption");
        t.match(error.message, name);
        t.match(error.hint, /use one of: /);
      }
    }
  });
}

t.test("the hint lists every valid value", async (t) => {
  t.throws(() => parseEncryptionLevel("x"), {
    code: "EXUM_BAD_ENCRYPTION_LEVEL",
    hint: "use one of: RequireEncryption, SupportEncryption, DoNotSupportEncryption (case does not matter)",
  });
});
