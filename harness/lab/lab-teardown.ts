/** One step of a tear-down that failed or ran out of time. */
export interface TeardownProblem {
  readonly step: string;
  readonly error: unknown;
}

/**
 * Tear-down steps registered during set-up and run in reverse order under one deadline (docs/style.md habit 12:
 * "Set-up and tear-down run in reverse order under a deadline, so a failed scenario never leaves a listener or a
 * socket behind"). A step that throws or outlives the deadline is reported and the next one still runs.
 */
export class Teardown {
  readonly #steps: { name: string; run: () => void | Promise<void> }[] = [];

  add(name: string, run: () => void | Promise<void>): void {
    this.#steps.push({ name, run });
  }

  /** Runs every step once, newest first; later calls run nothing. */
  async run(deadlineMs: number): Promise<TeardownProblem[]> {
    const steps = this.#steps.splice(0).reverse();
    const problems: TeardownProblem[] = [];
    const deadline = Date.now() + deadlineMs;
    for (const step of steps) {
      const left = Math.max(1, deadline - Date.now());
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(step.run),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${step.name} took longer than the ${deadlineMs} ms tear-down deadline`)), left);
          }),
        ]);
      } catch (error) {
        problems.push({ step: step.name, error });
      } finally {
        clearTimeout(timer);
      }
    }
    return problems;
  }
}
