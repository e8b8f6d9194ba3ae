/**
 * A value loaded on demand and kept for `ttlMs`; concurrent callers share one load (single-flight).
 * `invalidate()` after a local write; the TTL bounds how stale another instance's copy can be.
 */
export function cached<T>(load: () => Promise<T>, ttlMs: number) {
  let value: { v: T; at: number } | undefined;
  let loading: Promise<T> | undefined;
  return {
    async get(): Promise<T> {
      if (value && Date.now() - value.at < ttlMs) return value.v;
      loading ??= load()
        .then((v) => {
          value = { v, at: Date.now() };
          return v;
        })
        .finally(() => (loading = undefined));
      return loading;
    },
    invalidate() {
      value = undefined;
    },
  };
}
