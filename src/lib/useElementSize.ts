import { useCallback, useState } from 'react'

/** The size of an element (content box, px), kept current with a ResizeObserver. Attach `ref` to it. */
export function useElementSize<T extends HTMLElement>(): { ref: (el: T | null) => void; width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 })
  const ref = useCallback((el: T | null) => {
    if (el === null) return undefined
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return
      const { width, height } = entry.contentRect
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }))
    })
    observer.observe(el)
    // React 19 runs a ref callback's returned function when the element goes away.
    return () => observer.disconnect()
  }, [])
  return { ref, ...size }
}
