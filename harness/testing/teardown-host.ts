/**
 * Anything that runs clean-up when a test ends: a tap `Test` (`t.teardown`). Helpers take this instead of the
 * whole tap type so they can also be used from a plain script.
 */
export interface TeardownHost {
  teardown(fn: () => unknown): void;
}
