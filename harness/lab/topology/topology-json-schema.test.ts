import t from "tap";
import { TOPOLOGY_SCHEMA_ID, topologyJsonSchema, topologyJsonSchemaText } from "./topology-json-schema.js";

interface JsonSchemaObject {
  $schema?: string;
  $id?: string;
  type?: string;
  properties?: Record<string, JsonSchemaObject & { default?: unknown; description?: string }>;
  additionalProperties?: boolean;
  required?: string[];
}

t.test("the topology JSON Schema is valid JSON naming every top-level key", async (t) => {
  const text = topologyJsonSchemaText();
  const schema = JSON.parse(text) as JsonSchemaObject;
  t.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  t.equal(schema.$id, TOPOLOGY_SCHEMA_ID);
  t.equal(schema.type, "object");
  t.equal(schema.additionalProperties, false, "unknown keys are errors in editors too");
  t.same(Object.keys(schema.properties ?? {}), [
    "schemaVersion",
    "name",
    "domain",
    "servers",
    "dialPlans",
    "umIpGateways",
    "users",
    "autoAttendants",
    "subscriberAccess",
    "addressFamily",
    "behaviour",
  ]);
  t.same(schema.required, ["servers"], "only servers must be written");
  t.ok(text.endsWith("}\n"));
});

t.test("the schema carries the enums, defaults and descriptions editors complete from", async (t) => {
  const text = JSON.stringify(topologyJsonSchema());
  for (const value of ["SIPSecured", "RequireEncryption", "NotSupported", "NoNewCalls", "Dual", "callRouter", "drop-mid-call", "worker2-tls"]) {
    t.match(text, `"${value}"`, value);
  }
  t.match(text, /"default":488/, "the Incompatible security setting status");
  t.match(text, /"default":"Incompatible security setting"/);
  t.match(text, /"default":5199/);
  t.match(text, /docs\/protocol\.md §3/);
});
