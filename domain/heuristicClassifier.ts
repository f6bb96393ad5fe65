/** The deterministic classifier lives in domain/triage/; this is the name its callers import. */
export { classifyHeuristically } from './triage/classify';
