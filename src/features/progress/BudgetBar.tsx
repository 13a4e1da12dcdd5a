import { memo, useMemo } from 'react'
import type { PointerEvent } from 'react'
import { cn } from '@/lib/cn'
import { budgetsOf } from '@/stores/annotationDerived'
import type { StepBudget } from '@/stores/annotationDerived'
import { annotationStore, selectDoc, useAnnotation } from '@/stores/annotationStore'
import { timelineStore, useTimeline } from '@/stores/timelineStore'
import { Button } from '@/ui/Button'

const PALETTE_FALLBACK = '#71717a'

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/** Drag the right edge of step `id`'s block: its share follows the pointer, the unlocked steps share the rest. */
function dragDivider(e: PointerEvent<HTMLDivElement>, id: string): void {
  e.preventDefault()
  e.stopPropagation()
  const block = e.currentTarget.parentElement
  const bar = block?.parentElement
  const a = annotationStore.getState()
  if (block === null || bar === null || bar === undefined) return
  // Where the block starts, as a share of the bar, when the drag starts (the blocks before it do not move).
  const leftShare = (block.getBoundingClientRect().left - bar.getBoundingClientRect().left) / bar.getBoundingClientRect().width
  if (a.readOnly !== undefined) {
    a.refuse(a.readOnly, 'Set a budget')
    return
  }
  e.currentTarget.setPointerCapture(e.pointerId)
  timelineStore.getState().select(id)
  a.begin()
  const handle = e.currentTarget
  const move = (m: globalThis.PointerEvent) => {
    const box = bar.getBoundingClientRect()
    const share = Math.min(0.99, Math.max(0.005, (m.clientX - box.left) / box.width - leftShare))
    annotationStore.getState().preview({ type: 'setBudget', segmentId: id, share: Math.round(share * 1000) / 1000 })
  }
  const up = () => {
    handle.removeEventListener('pointermove', move)
    handle.removeEventListener('pointerup', up)
    annotationStore.getState().commit()
  }
  handle.addEventListener('pointermove', move)
  handle.addEventListener('pointerup', up)
}

function resetAll(rows: readonly StepBudget[]): void {
  const edits = rows.filter((r) => r.override !== undefined).map((r) => ({ type: 'resetBudget' as const, segmentId: r.segment.id }))
  if (edits.length > 0) annotationStore.getState().dispatchAll(edits, `Reset ${edits.length} budget${edits.length === 1 ? '' : 's'} to ProcVLM's formula`)
}

interface BlockProps {
  id: string
  label: string
  color: string
  /** The share as shown (`12.3%`): a drag elsewhere nudges every share by less than that, so those blocks stay as they are. */
  share: string
  formula: string
  override: 'weight' | 'locked' | undefined
  selected: boolean
  last: boolean
}

const BudgetBlock = memo(function BudgetBlock({ id, label, color, share, formula, override, selected, last }: BlockProps) {
  const locked = override === 'locked'
  return (
    <div
      data-budget={id}
      className={cn('relative flex min-w-0 items-center gap-1 overflow-hidden border-r border-zinc-950 px-1 text-[10px] whitespace-nowrap text-zinc-100',
        selected && 'outline outline-1 -outline-offset-1 outline-white/80')}
      style={{ width: share, background: `${color}66` }}
      title={`${label}: ${share} of progress${override === undefined ? ' (ProcVLM\'s formula)' : ` (formula ${formula}; ${locked ? 'locked' : 'weight override'})`}`}
      onPointerDown={() => timelineStore.getState().select(id)}
    >
      <button
        type="button"
        aria-label={`${locked ? 'Unlock' : 'Lock'} the budget of ${label}`}
        aria-pressed={locked}
        className={cn('shrink-0 rounded px-0.5 hover:bg-black/30', locked ? 'text-amber-300' : 'text-zinc-300/60')}
        onClick={(e) => {
          annotationStore.getState().dispatch({ type: locked ? 'unlockBudget' : 'lockBudget', segmentId: id })
          e.currentTarget.blur()
        }}
      >
        {locked ? '■' : '□'}
      </button>
      <span className="truncate">{label}</span>
      <span className={cn('ml-auto shrink-0 font-mono tabular-nums', override !== undefined && 'text-amber-200')}>{share}</span>
      {!last && (
        <div
          role="separator"
          aria-label={`Budget of ${label}: drag to change`}
          aria-valuetext={share}
          className="absolute inset-y-0 right-0 z-10 w-2 cursor-col-resize hover:bg-white/40"
          onPointerDown={(e) => dragDivider(e, id)}
        />
      )}
    </div>
  )
})

/**
 * Each named step's share of total progress as one stacked bar, with ProcVLM's formula under it
 * (`clip(K·L/T, .75, 1.25)`, normalised) so the override and the formula are both in view. Drag a step's right
 * edge to set its share (the unlocked steps keep their proportions in what is left); the lock pins a share.
 */
export function BudgetBar({ colors }: { colors: ReadonlyMap<string, string> }) {
  const doc = useAnnotation(selectDoc)
  const selected = useTimeline((s) => s.selected)
  const rows = useMemo(() => (doc === undefined ? [] : budgetsOf(doc)), [doc])
  if (doc === undefined) return null
  if (rows.length === 0) return <p className="text-[11px] text-zinc-500">No named step carries a budget yet: name a step to give it one.</p>
  const overridden = rows.some((r) => r.override !== undefined)
  const blocks = rows.map((row, i): BlockProps => ({
    id: row.segment.id, label: row.segment.label, color: colors.get(row.segment.label) ?? PALETTE_FALLBACK, share: pct(row.share),
    formula: pct(row.formulaShare), override: row.override?.kind, selected: selected === row.segment.id, last: i === rows.length - 1,
  }))
  return (
    <div className="flex items-center gap-2" data-testid="budget-bar">
      <div className="min-w-0 flex-1">
        <div className="relative flex h-6 overflow-hidden rounded-sm" role="group" aria-label="Budgets: each step's share of total progress">
          {blocks.map((b) => <BudgetBlock key={b.id} {...b} />)}
        </div>
        <div className="mt-px flex h-1.5 overflow-hidden rounded-sm opacity-60" aria-hidden title="ProcVLM's formula">
          {blocks.map((b) => <div key={b.id} className="border-r border-zinc-950" style={{ width: b.formula, background: b.color }} />)}
        </div>
      </div>
      <Button size="sm" variant="ghost" disabled={!overridden} onClick={() => resetAll(rows)} title="Every step back to ProcVLM's formula: clip(K·L/T, 0.75, 1.25), normalised">
        Reset to formula
      </Button>
    </div>
  )
}
