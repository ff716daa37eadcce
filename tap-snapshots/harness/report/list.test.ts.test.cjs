/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/report/list.test.ts > TAP > the terminal: a line per scenario, why it did not pass, and a summary (golden) > list 1`] = `
[1/4] FAILED  wrong-expectation: Deliberately wrong expectation (322 ms)
      steps[0] call "call voicemail:alice": failed
        steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp
[2/4] passed  startup-mode-tcp-secured-dial-plan: UMStartupMode TCP with a secured dial plan (62 ms)
[3/4] ERROR   happy-path: Happy path (2.8 ms)
      error[EXUM_LAB_START]: the embedded lab did not start: ENOTDIR: not a directory, mkdir 'notes.txt/mistakes'
      hint: check that the lab PKI folder (--certs, default certs/) is a folder you can write to; the run's log (log.jsonl) has the details
[4/4] skipped owa-trusted-application: OWA trusted application to the pool
      skipped: interrupted (Ctrl-C) before it ran
Interrupted: 4 scenarios: 1 passed, 1 failed, 1 error, 1 skipped in 386 ms
9 steps: 2 passed, 1 failed, 0 errors, 6 skipped; 6 of 7 expectations met
`
