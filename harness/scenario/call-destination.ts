import { z } from "zod";
import { TARGET_REF_PATTERN, parseTargetRef, targetRefSchema, type TargetRef } from "./target-ref.js";

/**
 * Whom a call is for (the Request-URI), docs/protocol.md §8 "Request shapes":
 * - `voicemail:<user>`: call answering: "Request-URI is the user's voice-mail form
 *   (`sip:user@domain;opaque=app:voicemail`); the pool … adds `Diversion: <original Request-URI>`";
 * - `subscriberAccess[:<dial plan or pilot>]`: Outlook Voice Access; "the Request-URI user part is the pilot …
 *   Subscriber Access must not carry a diversion";
 * - `autoAttendant[:<name or pilot>]`: the auto attendant's pilot, no diversion;
 * - `user:<user>` or `<user>@<domain>`: the user's plain SIP URI, no diversion;
 * - a role, server or SIP URI (`to: pool`, `to: sip:+14255550100@gw01.contoso.com`).
 * `<user>` is a SIP address (`alice@contoso.com`) or its local part (`alice`).
 */
export type CallDestination =
  | { readonly kind: "voicemail"; readonly user: string; readonly text: string }
  | { readonly kind: "subscriberAccess"; readonly key: string | null; readonly text: string }
  | { readonly kind: "autoAttendant"; readonly key: string | null; readonly text: string }
  | { readonly kind: "user"; readonly user: string; readonly text: string }
  | { readonly kind: "target"; readonly target: TargetRef; readonly text: string };

const USER = "[A-Za-z0-9._+-]+(?:@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)?";
const KEY = "[A-Za-z0-9._+-](?:[A-Za-z0-9._+ -]*[A-Za-z0-9._+-])?";
const DESTINATION = new RegExp(
  `^(?:voicemail:${USER}|subscriberAccess(?::${KEY})?|autoAttendant(?::${KEY})?|user:${USER}|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+|${TARGET_REF_PATTERN.source.slice(1, -1)})$`,
);

export const callDestinationSchema = z
  .string()
  .trim()
  .regex(DESTINATION, {
    message: "expected voicemail:<user>, subscriberAccess, autoAttendant, user:<user>, <user>@<domain>, a role, a server or a sip: URI",
  })
  .superRefine((text, ctx) => {
    if (text === "voicemail" || text === "user") {
      ctx.addIssue({ code: "custom", message: `${text} needs a user`, params: { hint: `write ${text}:alice (a local part or a SIP address)` } });
    } else if (!/^(voicemail|subscriberAccess|autoAttendant|user):|@/.test(text)) {
      const result = targetRefSchema.safeParse(text);
      if (!result.success) ctx.addIssue({ code: "custom", message: result.error.issues[0]?.message ?? "not a target", params: { hint: "write a role or a server's name" } });
    }
  })
  .describe(
    "voicemail:<user> (call answering, with a Diversion), subscriberAccess[:<dial plan>], autoAttendant[:<name>], user:<user>, " +
      "<user>@<domain>, a role, a server or a sip: URI",
  )
  .meta({ id: "callDestination" });

/** Reads a destination already validated by {@link callDestinationSchema}. */
export function parseCallDestination(text: string): CallDestination {
  const trimmed = text.trim();
  const [head = "", ...rest] = trimmed.split(":");
  const tail = rest.length === 0 ? null : rest.join(":").trim();
  if (head === "voicemail" && tail !== null) return { kind: "voicemail", user: tail.toLowerCase(), text: trimmed };
  if (head === "subscriberAccess") return { kind: "subscriberAccess", key: tail, text: trimmed };
  if (head === "autoAttendant") return { kind: "autoAttendant", key: tail, text: trimmed };
  if (head === "user" && tail !== null) return { kind: "user", user: tail.toLowerCase(), text: trimmed };
  if (!/^sips?:/i.test(trimmed) && trimmed.includes("@")) return { kind: "user", user: trimmed.toLowerCase(), text: trimmed };
  return { kind: "target", target: parseTargetRef(trimmed), text: trimmed };
}
