/**
 * The embedded lab's entry point: what the other layers use (docs/design.md §2, §5). Inside, `topology/` reads and
 * checks topology files, `net/` gives servers their loopback addresses, DNS and SIP listeners, `servers/` simulates
 * Exchange UM and Lync; `npm run check:layers` keeps every other layer to this file.
 */
export { sharedLabPkiDir } from "./lab-pki.js";
export { formatLabSummary, labSummary } from "./lab-summary.js";
export { Teardown } from "./lab-teardown.js";
export { startLab, type Lab } from "./lab.js";
export { type AddressPlan, type PortMode } from "./net/address-plan.js";
export { type EventLogEntry } from "./servers/event-log.js";
export { roleListeners, type ListenerName, type RoleListenerOptions } from "./topology/address-plan-listeners.js";
export { defaultLoadedTopology, defaultTopology } from "./topology/topology-default.js";
export { type LoadedTopology } from "./topology/loaded-topology.js";
export { faultSchema, type Fault } from "./topology/topology-fault.js";
export { firstLabel, fqdnSchema, sameName } from "./topology/topology-fqdn.js";
export { UM_IP_GATEWAY_STATUSES, type UmIpGatewayStatus } from "./topology/topology-gateway.js";
export { loadTopology } from "./topology/topology-loader.js";
export { defaultCertificateName } from "./topology/topology-names.js";
export { applyOverrides } from "./topology/topology-overrides.js";
export { effectiveSrtpMode, type Server } from "./topology/topology-resolve.js";
export { type Topology } from "./topology/topology-schema.js";
export { SERVER_STATES, type ServerState } from "./topology/topology-server-state.js";
export { sipAddressSchema } from "./topology/topology-user.js";
