import { describe, expect, it } from 'vitest'
import { createTeamStore, selectSyncState, teamTarget } from './teamStore'

function memoryStorage(): Storage {
  const m = new Map<string, string>()
  return {
    get length() { return m.size },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  }
}

describe('the team store', () => {
  it('keeps a server per dataset; signing out keeps the URL and the annotator edits queue for, forgets the token', () => {
    const storage = memoryStorage()
    const store = createTeamStore(storage)
    store.getState().setDataset('http://h/a')
    expect(selectSyncState(store.getState())).toBeUndefined()
    expect(teamTarget(store.getState(), 'http://h/a')).toBeUndefined()
    store.getState().signIn({ url: 'http://127.0.0.1:5480', token: 't', annotator: 'ann1', role: 'annotator' })
    expect(teamTarget(store.getState(), 'http://h/a')).toEqual({ server: 'http://127.0.0.1:5480', annotator: 'ann1' })
    expect(teamTarget(store.getState(), 'http://h/b')).toBeUndefined()
    expect(selectSyncState(store.getState())).toEqual({ state: 'synced', at: undefined })

    const again = createTeamStore(storage)
    again.getState().setDataset('http://h/b')
    expect(again.getState().config).toBeUndefined()
    again.getState().setDataset('http://h/a')
    expect(again.getState().config?.annotator).toBe('ann1')
    again.getState().signOut()
    expect(again.getState().config).toEqual({ url: 'http://127.0.0.1:5480', token: '', annotator: 'ann1', role: 'annotator' })
    expect(selectSyncState(again.getState())).toEqual({ state: 'signed-out' })
    expect(teamTarget(again.getState(), 'http://h/a')?.annotator).toBe('ann1')
    again.getState().disconnect()
    expect(createTeamStore(storage).getState().config).toBeUndefined()
  })

  it('shows Signed out when the server refused the token, whatever else', () => {
    const store = createTeamStore(memoryStorage())
    store.getState().setDataset('d')
    store.getState().signIn({ url: 'http://t', token: 'x', annotator: 'a', role: 'admin' })
    store.getState().setSnapshot({ pending: 2, conflicts: [], offline: 'HTTP 401', unauthorized: true, syncedAt: undefined })
    expect(selectSyncState(store.getState())).toEqual({ state: 'signed-out' })
  })
})
