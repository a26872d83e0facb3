/**
 * A memo for pure derivations keyed by what they are derived from (a role's id@version, a
 * built-in role's slug): never stale, since a changed input has a new key. Bounded by
 * clearing when full, which only costs recomputing.
 */
export function boundedMemo<T>(maxEntries = 5_000): (key: string, make: () => T) => T {
  const cache = new Map<string, T>();
  return (key, make) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= maxEntries) cache.clear();
      value = make();
      cache.set(key, value);
    }
    return value;
  };
}
