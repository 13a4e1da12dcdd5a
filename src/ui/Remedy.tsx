import { CodeText } from './CodeText'

/** "What to do: …" under a problem, quieter than the problem itself; commands can be copied. */
export function Remedy({ text }: { text: string }) {
  return (
    <div className="mt-0.5 text-zinc-400 [overflow-wrap:anywhere]" data-testid="remedy">
      <span className="text-zinc-500">What to do: </span>
      <CodeText text={text} />
    </div>
  )
}
