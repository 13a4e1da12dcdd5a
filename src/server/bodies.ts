/**
 * The request bodies of the HTTP contract (docs/team.md), checked with zod. A bad body is a 400 whose message
 * names the field (`edits[2].baseVersion: …`), never a 500 from deeper down.
 */
import { z } from 'zod'
import { annotationDocSchema } from '@/core/formats/records'

/** 400 with this message. */
export class BadRequest extends Error {}

const name = z.string().min(1).max(80)
const dataset = z.string().min(1).max(500)
const episode = z.number().int().min(0).max(2_147_483_647)
const version = z.number().int().min(0).max(2_147_483_646)

export const devTokenBody = z.object({ annotator: name, role: z.enum(['annotator', 'reviewer', 'admin']) })
export const datasetsBody = z.object({ dataset, episodes: z.array(episode).max(1_000_000) })
export const claimBody = z.object({ dataset, leaseSeconds: z.number().int().min(1).max(604_800).optional() })
export const releaseBody = z.object({ dataset, episode })
export const editBody = z.object({
  id: z.uuid(),
  dataset,
  episode,
  baseVersion: version,
  label: z.string().max(500),
  // Stored as sent; checked as ProcLens's document so that what the heads feed (agreement, exports) can read it.
  doc: z.unknown().superRefine((doc, ctx) => {
    const r = annotationDocSchema.safeParse(doc)
    if (!r.success) {
      for (const issue of r.error.issues.slice(0, 3)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
    }
  }),
  at: z.iso.datetime({ offset: true }),
  /** Not needed (the token names the annotator); when present and someone else, row-level security refuses it. */
  annotator: name.optional(),
})
export const editsBody = z.object({ edits: z.array(editBody).min(1).max(500) })
export const reviewBody = z.object({
  dataset, episode,
  status: z.enum(['accepted', 'rejected', 'flagged', 'in_progress']),
  reason: z.string().max(2000),
  baseVersion: version,
})

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`), '')
}

/** The parsed body, or a BadRequest naming the first fields that are wrong. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.length === 0 ? 'body' : pathText(i.path)}: ${i.message}`)
  throw new BadRequest(issues.join('; '))
}

/** A required query parameter. */
export function queryParam(url: URL, key: string, required: true): string
export function queryParam(url: URL, key: string, required: false): string | undefined
export function queryParam(url: URL, key: string, required: boolean): string | undefined {
  const v = url.searchParams.get(key)
  if ((v === null || v === '') && required) throw new BadRequest(`${key}: required query parameter is missing`)
  return v === null || v === '' ? undefined : v
}
