import { useEffect, useState } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { requestPersistentStorage } from '@/data/browser/db'
import { createQueryClient } from '@/lib/queryClient'
import { sessionStore } from '@/stores/sessionStore'
import { ConfirmDatasetLink } from './ConfirmDatasetLink'
import { foreignOrigin, openPlace, rememberOpened, seedSession } from './urlState'
import { Workspace } from './Workspace'

export function App() {
  const [client] = useState(createQueryClient)
  // Before the first render: the page opens where its URL says, or asks first when that is another host.
  const [asking, setAsking] = useState(() => seedSession(sessionStore, window.location.search, window.location.href))
  useEffect(() => {
    void requestPersistentStorage()
  }, [])
  const origin = asking === undefined ? undefined : foreignOrigin(asking.dataset, window.location.href)
  return (
    <QueryClientProvider client={client}>
      {/* The workspace mounts after the answer: until then nothing is fetched and the address bar keeps the link. */}
      {asking !== undefined && origin !== undefined ? (
        <ConfirmDatasetLink
          place={asking}
          origin={origin}
          onOpen={() => {
            rememberOpened(asking.dataset)
            openPlace(sessionStore, asking)
            setAsking(undefined)
          }}
          onDemo={() => setAsking(undefined)}
        />
      ) : (
        <Workspace />
      )}
    </QueryClientProvider>
  )
}
