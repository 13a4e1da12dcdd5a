import { useEffect, useState } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { requestPersistentStorage } from '@/data/browser/db'
import { createQueryClient } from '@/lib/queryClient'
import { sessionStore } from '@/stores/sessionStore'
import { seedSession } from './urlState'
import { Workspace } from './Workspace'

export function App() {
  const [client] = useState(createQueryClient)
  // Before the first render: the page opens where its URL says.
  useState(() => seedSession(sessionStore, window.location.search))
  useEffect(() => {
    void requestPersistentStorage()
  }, [])
  return (
    <QueryClientProvider client={client}>
      <Workspace />
    </QueryClientProvider>
  )
}
