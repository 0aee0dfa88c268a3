export type { Clock, DeployResult, Runtime, RuntimeOptions } from "./api.js";
export { createRuntime } from "./runtime.js";
export { BEHAVIOUR_SPECS } from "./behaviours/index.js";
export { realClock, SimulatedClock } from "./clock.js";
export type { LinkAccount } from "./accounts.js";
