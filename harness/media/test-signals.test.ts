import t from "tap";
import { melody } from "./audio/tone-signal.js";
import { mailboxGreetingNotes, SIGNAL_NOTES, signalPcm } from "./test-signals.js";

t.test("signalPcm renders the notes as melody() does, once per distinct signal", async (t) => {
  const greeting = signalPcm(SIGNAL_NOTES.greeting);
  t.same(Array.from(greeting), Array.from(melody(SIGNAL_NOTES.greeting)));
  t.equal(signalPcm([...SIGNAL_NOTES.greeting]), greeting, "equal notes give the array rendered before");
  const alice = signalPcm(mailboxGreetingNotes("alice@contoso.com"));
  t.same(Array.from(alice), Array.from(melody(mailboxGreetingNotes("alice@contoso.com"))));
  t.not(alice, greeting, "other notes, another signal");
});

t.test("the memo stays bounded and still renders right once it was emptied", async (t) => {
  for (let hz = 200; hz < 300; hz++) signalPcm([{ hz, ms: 20 }]);
  const again = signalPcm([{ hz: 299, ms: 20 }]);
  t.same(Array.from(again), Array.from(melody([{ hz: 299, ms: 20 }])));
  t.same(Array.from(signalPcm(SIGNAL_NOTES.menu)), Array.from(melody(SIGNAL_NOTES.menu)));
});
