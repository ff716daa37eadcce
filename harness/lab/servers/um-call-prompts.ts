import type { CallMediaSpec } from "./call-answerer.js";
import { mailboxGreetingNotes, SIGNAL_NOTES, signalPcm } from "../../media/test-signals.js";
import type { Topology } from "../topology/topology-schema.js";
import type { UmCallTarget } from "./um-call-target.js";

/**
 * What the simulated worker plays on an answered call and what it makes of the caller's digits (docs/media.md §5,
 * §8; docs/protocol.md §8 "Request shapes"):
 * - call answering: the mailbox's own greeting (one tone per mailbox, so alice's differs from bob's);
 * - Subscriber Access: the greeting, then the PIN prompt; the caller enters the extension and the PIN, each followed
 *   by `#` ("1001#1234#"); a right PIN gets the logon signal, a wrong one the prompt again;
 * - Auto Attendant: the menu; the first digit is the caller's choice.
 */
export function umCallPrompts(target: UmCallTarget, topology: Topology): CallMediaSpec {
  switch (target.kind) {
    case "call-answering":
      return { signal: signalPcm(mailboxGreetingNotes(target.user?.sipAddress ?? "")) };
    case "auto-attendant":
      return autoAttendant();
    case "subscriber-access":
      return subscriberAccess(target, topology);
  }
}

function autoAttendant(): CallMediaSpec {
  let choice: string | null = null;
  return {
    signal: signalPcm(SIGNAL_NOTES.menu),
    onDigits(digits) {
      choice ??= digits.slice(0, 1);
      return null;
    },
    outcome: () => (choice === null ? "no menu choice" : `menu choice ${choice}`),
  };
}

function subscriberAccess(target: UmCallTarget, topology: Topology): CallMediaSpec {
  let outcome: string | null = null;
  return {
    signal: signalPcm([...SIGNAL_NOTES.greeting, ...SIGNAL_NOTES.pinPrompt]),
    onDigits(digits) {
      // "<extension>#<PIN>#": judged once both are complete.
      const match = /^(\d+)#(\d+)#/.exec(digits);
      if (match === null || outcome !== null) return null;
      const [, extension, pin] = match;
      const user = topology.users.find((each) => each.extension === extension && each.dialPlan === target.dialPlan.name);
      if (user === undefined) {
        outcome = `logon failed: extension ${extension} is no user of dial plan ${target.dialPlan.name}`;
        return signalPcm(SIGNAL_NOTES.pinPrompt);
      }
      if (user.pin !== pin) {
        outcome = `logon failed: wrong PIN for ${user.sipAddress}`;
        return signalPcm(SIGNAL_NOTES.pinPrompt);
      }
      outcome = `logon accepted for ${user.sipAddress}`;
      return signalPcm(SIGNAL_NOTES.logon);
    },
    outcome: () => outcome ?? "no logon attempted",
  };
}
