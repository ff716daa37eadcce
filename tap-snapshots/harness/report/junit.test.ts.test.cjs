/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/report/junit.test.ts > TAP > junit.xml: a testcase per scenario; failure, error and skipped (golden) > junit.xml 1`] = `
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="exum" tests="4" failures="1" errors="1" skipped="1" time="0.386">
  <testsuite name="exum (lab: built-in default)" tests="4" failures="1" errors="1" skipped="1" time="0.386" timestamp="2026-11-22T06:12:19.937Z">
    <properties>
      <property name="runId" value="2026-11-22T06-12-19Z-5287"/>
      <property name="exum" value="0.1.0"/>
      <property name="target" value="lab"/>
      <property name="interrupted" value="true"/>
      <property name="expectations" value="6/7 met"/>
    </properties>
    <testcase name="wrong-expectation" classname="exum.lab" file="harness/scenario/testdata/wrong-expectation.yaml" time="0.322">
      <failure message="steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp (on the wire: 200 OK, SRTP (Secured))" type="expectation">steps[0] call &quot;call voicemail:alice&quot;: failed (228 ms)
  steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp
  on the wire: 200 OK, SRTP (Secured)</failure>
      <system-out>The happy-path call, expecting RTP where the Secured dial plan negotiates SRTP.
steps[0] call &quot;call voicemail:alice&quot;: failed (228 ms)
  steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp
  on the wire: 200 OK, SRTP (Secured)</system-out>
    </testcase>
    <testcase name="startup-mode-tcp-secured-dial-plan" classname="exum.lab" file="scenarios/startup-mode-tcp-secured-dial-plan.yaml" time="0.062">
      <system-out>The Call Router was left in Exchange&apos;s default UMStartupMode TCP while the dial plan is Secured: nothing listens on 5061, so the pool&apos;s mutual-TLS connection is refused before any SIP. Set-UMCallRouterSettings -UMStartupMode Dual (or TLS) fixes it.
steps[0] options &quot;options callRouter&quot;: passed (3 ms)
steps[1] call &quot;call voicemail:alice&quot;: passed (1 ms)</system-out>
    </testcase>
    <testcase name="happy-path" classname="exum.lab" file="scenarios/happy-path.yaml" time="0.003">
      <error message="set-up or tear-down: the embedded lab did not start: ENOTDIR: not a directory, mkdir &apos;notes.txt/mistakes&apos;" type="EXUM_LAB_START">steps[0] options &quot;OPTIONS to the Call Router over mutual TLS&quot;: skipped
steps[1] certs &quot;The Call Router&apos;s certificate passes the UM/Lync rules&quot;: skipped
steps[2] call &quot;Voice mail for alice, Secured end to end&quot;: skipped
hint: check that the lab PKI folder (--certs, default certs/) is a folder you can write to; the run&apos;s log (log.jsonl) has the details</error>
      <system-out>The recommended integration (Secured dial plan, pool EncryptionLevel RequireEncryption, Exchange in Dual startup mode, certificates from one root): mutual TLS to the Call Router, then a voice-mail call through Call Router, UM service and worker with SRTP AES_CM_128_HMAC_SHA1_80.
steps[0] options &quot;OPTIONS to the Call Router over mutual TLS&quot;: skipped
steps[1] certs &quot;The Call Router&apos;s certificate passes the UM/Lync rules&quot;: skipped
steps[2] call &quot;Voice mail for alice, Secured end to end&quot;: skipped</system-out>
    </testcase>
    <testcase name="owa-trusted-application" classname="exum.lab" file="scenarios/owa-trusted-application.yaml" time="0.000">
      <skipped message="interrupted (Ctrl-C) before it ran"/>
      <system-out>OWA IM integration when the Client Access and Mailbox roles are on separate machines: the Exchange Mailbox server connects to the Lync pool as a trusted application over mutual TLS, with the trusted application pool FQDN in its certificate&apos;s Subject Name and SAN.
steps[0] options &quot;OPTIONS to the pool as the trusted application&quot;: skipped
steps[1] certs &quot;The trusted application&apos;s certificate names its pool FQDN&quot;: skipped
steps[2] certs &quot;The pool&apos;s certificate&quot;: skipped</system-out>
    </testcase>
  </testsuite>
</testsuites>

`
