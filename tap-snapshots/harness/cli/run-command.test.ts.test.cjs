/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/cli/run-command.test.ts > TAP > the deliberately wrong scenario: exit 1, expected vs seen on the terminal and in JUnit (golden) > junit.xml of a real run 1`] = `
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="exum" tests="2" failures="1" errors="0" skipped="0" time="<s>">
  <testsuite name="exum (lab: built-in default)" tests="2" failures="1" errors="0" skipped="0" time="<s>" timestamp="<time>">
    <properties>
      <property name="runId" value="<run-id>"/>
      <property name="exum" value="<version>"/>
      <property name="target" value="lab"/>
      <property name="interrupted" value="false"/>
      <property name="expectations" value="4/5 met"/>
    </properties>
    <testcase name="wrong-expectation" classname="exum.lab" file="wrong-expectation.yaml" time="<s>">
      <failure message="steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp (on the wire: 200 OK, SRTP (Secured))" type="expectation">steps[0] call &quot;call voicemail:alice&quot;: failed (<ms>)
  steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp
  on the wire: 200 OK, SRTP (Secured)</failure>
      <system-out>The happy-path call, expecting RTP where the Secured dial plan negotiates SRTP.
steps[0] call &quot;call voicemail:alice&quot;: failed (<ms>)
  steps[0].expect.negotiated.media: expected negotiated.media rtp, saw srtp
  on the wire: 200 OK, SRTP (Secured)</system-out>
    </testcase>
    <testcase name="options" classname="exum.lab" file="options.yaml" time="<s>">
      <system-out>One OPTIONS over mutual TLS.
steps[0] options &quot;options callRouter&quot;: passed (<ms>)</system-out>
    </testcase>
  </testsuite>
</testsuites>

`
