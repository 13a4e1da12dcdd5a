import { useEffect, useState } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { requestPersistentStorage } from '@/data/browser/db'
import { createQueryClient } from '@/lib/queryClient'
import { Workspace } from './Workspace'

export function App() {
  const [client] = useState(createQueryClient)
  useEffect(() => {
    void requestPersistentStorage()
  }, [])
  return (
    <QueryClientProvider client={client}>
      <Workspace />
    </QueryClientProvider>
  )
}
