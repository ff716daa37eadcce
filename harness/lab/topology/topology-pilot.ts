import { z } from "zod";
import { exchangeNameSchema } from "./topology-dial-plan.js";
import { fqdnSchema } from "./topology-fqdn.js";
import { pilotSchema } from "./topology-gateway.js";
import { sipAddressSchema } from "./topology-user.js";

/**
 * The Lync contact object of an Auto Attendant or Subscriber Access number. docs/protocol.md §8 [DOC, seed]: OcsUmUtil
 * creates one contact object per number, homed on a Front End pool, and the pool's ExumRouting routes a call to the
 * number through it. `missing`: OcsUmUtil was not run (or the contact was removed); `moved`: the contact was moved to
 * another pool (Move-CsExUmContact) and this pool cannot read it. Either way the pool answers as the Microsoft support
 * article shows (500 + ms-diagnostics 15000, docs/protocol.md §10).
 */
export const contactObjectSchema = z
  .enum(["created", "missing", "moved"])
  .default("created")
  .describe("The number's Lync contact object (OcsUmUtil): created (default), missing, or moved to another pool");

/**
 * A UM auto attendant. docs/protocol.md §8: "the Request-URI user part is the pilot"; docs/protocol.md §1 step 2: the Call
 * Router redirects Auto Attendant calls to the Mailbox server of the organisation mailbox.
 */
/** The contact object's own SIP address, for Auto Attendant and Subscriber Access numbers alike. */
const contactSipAddressSchema = sipAddressSchema
  .optional()
  .describe(
    "The contact object's own SIP address (OcsUmUtil / New-CsExUmContact -SipAddress, e.g. exumaa@contoso.com): a Lync caller dials it and the pool " +
      "retargets the call to the pilot; without it the pool answers to the pilot's own URI",
  );

export const autoAttendantSchema = z.strictObject({
  name: exchangeNameSchema,
  dialPlan: exchangeNameSchema,
  pilot: pilotSchema.describe("The Request-URI user part that reaches this auto attendant"),
  status: z.enum(["Enabled", "Disabled"]).default("Enabled"),
  mailboxServer: fqdnSchema
    .optional()
    .describe("The Mailbox server of the organisation mailbox; default the dial plan's first Mailbox-capable member"),
  contactObject: contactObjectSchema,
  contactSipAddress: contactSipAddressSchema,
});

/**
 * A Subscriber Access (Outlook Voice Access) number. docs/protocol.md §8: "Subscriber Access must not carry a diversion";
 * Microsoft's example is `sip:sipdp.contoso.com@contoso.com`, so the pilot defaults to the dial plan's PhoneContext.
 */
export const subscriberAccessSchema = z.strictObject({
  dialPlan: exchangeNameSchema,
  pilot: pilotSchema.optional().describe("The Request-URI user part; default the dial plan's PhoneContext"),
  mailboxServer: fqdnSchema
    .optional()
    .describe("Where the Call Router sends Subscriber Access calls; default the dial plan's first Mailbox-capable member"),
  contactObject: contactObjectSchema,
  contactSipAddress: contactSipAddressSchema,
});

export type AutoAttendantSpec = z.output<typeof autoAttendantSchema>;
export type SubscriberAccessSpec = z.output<typeof subscriberAccessSchema>;
