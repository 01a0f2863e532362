/**
 * Lets every promise chain that can progress without time passing do so: a few turns of the event
 * loop (macrotasks, so I/O callbacks and microtask chains between them run). Used with a
 * ManualClock to mean "and nothing else can happen until the clock moves".
 */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
