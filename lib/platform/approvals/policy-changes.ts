const sameSet = (left: readonly unknown[], right: readonly unknown[]) => left.length === right.length && [...left].sort().join() === [...right].sort().join();

/**
 * The fields a policy edit changes, for its audit event and to record nothing when nothing
 * did: lists compare as sets (the order people were picked in is no change).
 */
export function changedFields<F extends object>(before: F, after: F, keys: ReadonlyArray<keyof F>): Array<keyof F> {
  return keys.filter((key) => {
    const [was, now] = [before[key], after[key]];
    return Array.isArray(was) && Array.isArray(now) ? !sameSet(was, now) : was !== now;
  });
}
