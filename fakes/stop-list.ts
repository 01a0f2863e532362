/**
 * Things to stop, in reverse order of starting. `stopAll()` is idempotent (every call gets the same
 * promise), stops everything even when some stops fail, and reports the failures together.
 */
export interface StopList {
  add(stop: () => Promise<void>): void;
  stopAll(): Promise<void>;
}

export function createStopList(failureMessage: string): StopList {
  const stops: Array<() => Promise<void>> = [];
  let stopped: Promise<void> | undefined;
  const stopEverything = async (): Promise<void> => {
    const results = await Promise.allSettled([...stops].reverse().map((stop) => stop()));
    const errors = results
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => result.reason as unknown);
    if (errors.length > 0) throw new AggregateError(errors, failureMessage);
  };
  return {
    add: (stop) => void stops.push(stop),
    stopAll: () => (stopped ??= stopEverything()),
  };
}
