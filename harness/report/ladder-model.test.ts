import t from "tap";
import { ladderOf } from "./ladder-model.js";
import { renderLadderSvg } from "./ladder-svg.js";
import { fixtureRun, HOSTILE_SERVER_HEADER } from "./testdata/report-fixture.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import { escapeHtml } from "./escape-html.js";

const probeOf = (scenario: number, step: number) => fixtureRun().scenarios[scenario]?.steps[step]?.evidence as ProbeEvidence;

t.test("a lane per endpoint, named after its hop; an arrow per message with its elapsed time", async (t) => {
  const ladder = ladderOf(probeOf(0, 1), "exum as pool");
  t.same(
    ladder.lanes.map((lane) => [lane.title, lane.detail]),
    [
      ["exum as pool", null],
      ["cas01.tukwila.contoso.com", "UM Call Router · 5061/TLS"],
      ["mbx01.tukwila.contoso.com", "UM service · 5063/TLS"],
      ["mbx01.tukwila.contoso.com", "UM worker · 5066/TLS"],
    ],
  );
  t.same(
    ladder.arrows.map((arrow) => [arrow.from, arrow.to, arrow.kind, arrow.label.slice(0, 24), arrow.elapsedMs]),
    [
      [0, 1, "request", "INVITE sip:alice@contoso", null],
      [1, 0, "redirect", "302 Moved Temporarily", 6.6],
      [0, 1, "request", "ACK sip:alice@contoso.co", null],
      [0, 2, "request", "INVITE sip:alice@mbx01.t", null],
      [2, 0, "redirect", "302 Moved Temporarily", 3.5],
      [0, 2, "request", "ACK sip:alice@mbx01.tukw", null],
      [0, 3, "request", "INVITE sip:alice@mbx01.t", null],
      [3, 0, "provisional", "100 Trying", null],
      [3, 0, "failure", "488 Not Acceptable <img ", 8.7],
      [0, 3, "request", "ACK sip:alice@mbx01.tukw", null],
    ],
  );
});

t.test("a hop that failed without a message is a broken arrow to its lane", async (t) => {
  const ladder = ladderOf(probeOf(0, 2));
  t.same(ladder.lanes.map((lane) => lane.title), ["exum", "cas01.tukwila.contoso.com"]);
  t.match(ladder.arrows, [{ from: 0, to: 1, kind: "broken", label: "✗ connection-refused", atMs: null }]);
});

t.test("a request with no final answer gets a broken arrow back after its messages", async (t) => {
  const probe = probeOf(0, 1);
  const last = probe.hops[2];
  if (last === undefined) throw new Error("fixture");
  const silent: ProbeEvidence = {
    ...probe,
    hops: [...probe.hops.slice(0, 2), { ...last, status: null, reason: null, failure: { code: "no-response", message: "no final response in 5 s" } }],
    trace: probe.trace.slice(0, 8),
  };
  const arrows = ladderOf(silent).arrows;
  t.match(arrows.at(-1), { from: 3, to: 0, kind: "broken", label: "✗ no-response" });
  t.equal(arrows.length, 9);
});

t.test("the SVG escapes every peer text and names its markers after the id", async (t) => {
  const svg = renderLadderSvg(ladderOf(probeOf(0, 1)), "step-x-1", "Call flow").value;
  t.notMatch(svg, /<img|<script/);
  t.match(svg, escapeHtml(HOSTILE_SERVER_HEADER), "the Server header in the tooltip, escaped");
  t.match(svg, 'marker-end="url(#step-x-1-failure)"');
  t.match(svg, /^<svg class="ladder" xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});
