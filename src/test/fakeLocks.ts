/**
 * A LockManager for tests (jsdom has none): exclusive locks by name with `ifAvailable`, `steal` and `signal`,
 * shared by every "tab" given the same instance, as one origin's tabs share the browser's.
 */
interface Holder {
  release: () => void
  reject: (e: unknown) => void
}

export function createFakeLocks(): LockManager {
  const held = new Map<string, Holder>()
  const queues = new Map<string, (() => void)[]>()

  function grant<T>(name: string, callback: (lock: Lock | null) => T | Promise<T>, settle: { resolve: (v: T) => void; reject: (e: unknown) => void }): void {
    let done = false
    const finish = () => {
      if (done) return
      done = true
      if (held.get(name) === holder) held.delete(name)
      queues.get(name)?.shift()?.()
    }
    const holder: Holder = {
      release: finish,
      reject: (e) => {
        finish()
        settle.reject(e)
      },
    }
    held.set(name, holder)
    Promise.resolve(callback({ name, mode: 'exclusive' })).then((v) => {
      finish()
      settle.resolve(v)
    }, (e: unknown) => {
      finish()
      settle.reject(e)
    })
  }

  const manager = {
    request<T>(name: string, optionsOrCallback: LockOptions | ((lock: Lock | null) => T), maybeCallback?: (lock: Lock | null) => T): Promise<T> {
      const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback
      const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback)!
      return new Promise<T>((resolve, reject) => {
        const current = held.get(name)
        if (current === undefined) return grant(name, callback, { resolve, reject })
        if (options.steal === true) {
          current.reject(new DOMException('The lock was stolen', 'AbortError'))
          return grant(name, callback, { resolve, reject })
        }
        if (options.ifAvailable === true) {
          Promise.resolve(callback(null)).then(resolve, reject)
          return undefined
        }
        const wake = () => grant(name, callback, { resolve, reject })
        const queue = queues.get(name) ?? []
        queue.push(wake)
        queues.set(name, queue)
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(wake)
          if (i >= 0) queue.splice(i, 1)
          reject(new DOMException('Aborted', 'AbortError'))
        }, { once: true })
        return undefined
      })
    },
    query: () => Promise.resolve({ held: [], pending: [] }),
  }
  return manager
}
