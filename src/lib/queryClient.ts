import { QueryClient } from '@tanstack/react-query'

/**
 * The app's one QueryClient. Dataset files are immutable at a given URL, so nothing is refetched on focus or
 * reconnect; query option factories in src/data/queries.ts set `staleTime: Infinity` per resource.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false, refetchOnReconnect: false, retry: 1, gcTime: 10 * 60_000 },
    },
  })
}
