// A read that must not hold a page or a scrape up: given up after a while, leaving the caller to
// say what it knows instead.

export const TIMED_OUT = Symbol("timed out");

/** The promise's value, or TIMED_OUT if it has not settled within `ms` (it is not cancelled). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
