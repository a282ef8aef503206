// Where a run's time went, phase by phase (milliseconds, summed over repeats), in the order
// the phases first ran: bench:import prints it as the import's breakdown.
export type PhaseTimes = Record<string, number>;

export class PhaseTimings {
  readonly ms: PhaseTimes = {};

  add(phase: string, ms: number) {
    this.ms[phase] = (this.ms[phase] ?? 0) + ms;
  }

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }
}
