import { z } from "zod";
import { exchangeNameSchema } from "./topology-dial-plan.js";
import { fqdnSchema } from "./topology-fqdn.js";

/** A SIP address written `alice@contoso.com` or `sip:alice@contoso.com`; stored without `sip:`, in lower case. */
export const sipAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text) => text.replace(/^sip:/, ""))
  .pipe(z.string().regex(/^[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: "expected a SIP address such as alice@contoso.com" }));

/** An extension: digits, written as a number or a string (quote it when it starts with 0). */
export const extensionSchema = z
  .union([z.string().trim().regex(/^\d{1,20}$/, { message: "expected digits only" }), z.number().int().min(0)])
  .transform(String);

/** A UM-enabled user (docs/protocol.md §1 step 2: the Call Router redirects to the Mailbox server of the user's mailbox). */
export const umUserSchema = z.strictObject({
  sipAddress: sipAddressSchema.describe("The user's SIP address (alice@contoso.com)"),
  extension: extensionSchema.describe("The user's extension in its dial plan"),
  dialPlan: exchangeNameSchema.describe("The user's UM mailbox policy's dial plan"),
  mailboxServer: fqdnSchema.describe("The Mailbox (or Exchange 2010 UM) server that hosts the user's active mailbox database"),
  umEnabled: z.boolean().default(true).describe("false: the Call Router rejects with MailboxIsNotUMEnabled"),
  pin: z
    .union([z.string().trim().regex(/^\d{1,24}$/, { message: "expected digits only" }), z.number().int().min(0)])
    .transform(String)
    .default("1234")
    .describe("[INF] The user's UM PIN for a Subscriber Access logon (Set-UMMailboxPIN); the lab's default is 1234"),
  displayName: z.string().min(1).optional(),
  lyncDialPlan: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      "The Lync / SfB dial plan (location profile) the user is assigned. With Exchange 2010 its name must match the UM dial plan's FQDN " +
        "(PhoneContext), or the pool finds no UM dial plan for the user (docs/protocol.md §8 [DOC, seed]); default: that FQDN (the step done)",
    ),
});

export type UmUserSpec = z.output<typeof umUserSchema>;
