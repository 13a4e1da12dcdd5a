/**
 * Run `worker` over `items` with at most `limit` at a time. The first failure stops new items from starting;
 * the ones already running finish (their results are still handed to `worker`'s own bookkeeping), then the
 * failure is thrown. So a stopped run has written everything it was told, and resumes from there.
 */
export async function runPool<T>(items: readonly T[], limit: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!
      try {
        await worker(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  if (failure !== undefined) throw failure.error
}
