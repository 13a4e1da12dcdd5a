import { REVIEW_STATUS_LABELS } from '@/core/review'
import type { ReviewState } from '@/core/review'
import { currentReview, reviewStore, useReview } from '@/stores/reviewStore'
import { Badge } from '@/ui/Badge'
import type { Tone } from '@/ui/Badge'
import { Button } from '@/ui/Button'
import { Kbd } from '@/ui/Kbd'

export const STATUS_TONE: Record<ReviewState['status'], Tone> = {
  unreviewed: 'neutral', 'in-progress': 'warn', accepted: 'ok', rejected: 'error', flagged: 'error',
}

function describe(review: ReviewState): string {
  const parts = [REVIEW_STATUS_LABELS[review.status]]
  if (review.reviewer !== undefined) parts.push(`by ${review.reviewer}`)
  if (review.updatedAt !== undefined) parts.push(new Date(review.updatedAt).toLocaleString())
  if (review.reason !== undefined) parts.push(`reason: ${review.reason}`)
  return parts.join(' · ')
}

/**
 * The open episode's review: its status, and the verdicts, each with its key. Accept takes the labels as they
 * stand (the VLM's proposal when nothing was changed); "Next" goes to the next episode in the list that has no
 * verdict yet.
 */
export function ReviewBar({ onNext }: { onNext: () => void }) {
  const review = useReview(currentReview)
  const error = useReview((s) => s.error)
  const verdict = (status: ReviewState['status']) => reviewStore.getState().verdict(status)
  return (
    <span className="flex items-center gap-1" data-testid="review-bar">
      <span data-testid="review-status" title={describe(review)}><Badge tone={STATUS_TONE[review.status]}>{REVIEW_STATUS_LABELS[review.status]}</Badge></span>
      {error !== undefined && <Badge tone="error" title={error}>not saved</Badge>}
      <Button size="sm" variant={review.status === 'accepted' ? 'primary' : 'default'} onClick={() => verdict('accepted')} title="Accept the labels as they stand (A)">
        Accept <Kbd>A</Kbd>
      </Button>
      <Button size="sm" variant="ghost" onClick={() => verdict('rejected')} title="Reject: not fit for training, with a reason (R)">Reject <Kbd>R</Kbd></Button>
      <Button size="sm" variant="ghost" onClick={() => verdict('flagged')} title="Flag for someone else, with a reason (F)">Flag <Kbd>F</Kbd></Button>
      <Button size="sm" variant="ghost" onClick={onNext} title="Next episode without a verdict, in the list's order (Q)">Next <Kbd>Q</Kbd></Button>
    </span>
  )
}
