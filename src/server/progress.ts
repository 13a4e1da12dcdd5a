/**
 * The admin's page: progress per annotator and dataset (SQL counts), and the episodes the annotators disagree on
 * most: ProcLens's own agreement (src/core/agreement.ts, boundary F1 at the default tolerance, the mean over
 * every pair of heads of the episode), never a second definition of it here.
 */
import type { PoolClient } from 'pg'
import type { AnnotationDoc } from '@/core/annotation'
import { compareAnnotators } from '@/core/agreement'
import type { AnnotatorDocs } from '@/core/agreement'
import type { TeamProgress } from '@/data/team/teamClient'

export async function teamProgress(db: PoolClient, dataset: string | undefined): Promise<TeamProgress> {
  const params = dataset === undefined ? [] : [dataset]
  const where = (col: string) => (dataset === undefined ? '' : `where ${col} = $1`)
  const annotators = await db.query<{ annotator: string; edits: string; episodes: string; last: Date | null }>(
    `select annotator, count(*) as edits, count(distinct (dataset, episode)) as episodes, max(server_at) as last
       from edit_log ${where('dataset')} group by annotator order by annotator`, params)
  const datasets = await db.query<{ dataset: string; episodes: string; claimed: string; edited: string; reviewed: string }>(
    `select d.dataset,
            (select count(*) from episodes e where e.dataset = d.dataset) as episodes,
            (select count(*) from episodes e where e.dataset = d.dataset and e.lease_until > clock_timestamp()) as claimed,
            (select count(distinct h.episode) from heads h where h.dataset = d.dataset) as edited,
            (select count(*) from reviews r where r.dataset = d.dataset and r.status in ('accepted', 'rejected')) as reviewed
       from datasets d ${where('d.dataset')} order by d.dataset`, params)
  // Only episodes with two or more heads can disagree.
  const heads = await db.query<{ dataset: string; episode: number; annotator: string; doc: AnnotationDoc }>(
    `select h.dataset, h.episode, h.annotator, h.doc from heads h
      where (h.dataset, h.episode) in (select dataset, episode from heads ${where('dataset')} group by dataset, episode having count(*) > 1)
      order by h.dataset, h.episode, h.annotator`, params)
  return {
    annotators: annotators.rows.map((r) => ({ annotator: r.annotator, edits: Number(r.edits), episodes: Number(r.episodes), lastEditAt: r.last?.toISOString() ?? null })),
    datasets: datasets.rows.map((r) => ({ dataset: r.dataset, episodes: Number(r.episodes), claimed: Number(r.claimed), edited: Number(r.edited), reviewed: Number(r.reviewed) })),
    disagreement: disagreement(heads.rows),
  }
}

/** Boundary F1 per episode with two or more heads, lowest first (ties by dataset, then episode). */
export function disagreement(heads: readonly { dataset: string; episode: number; annotator: string; doc: AnnotationDoc }[]): TeamProgress['disagreement'] {
  const byAnnotator = new Map<string, AnnotationDoc[]>()
  for (const h of heads) {
    // The server's keys, not the document's own names, say which episode a head is.
    const doc: AnnotationDoc = { ...h.doc, dataset: h.dataset, episode: String(h.episode) }
    byAnnotator.set(h.annotator, [...(byAnnotator.get(h.annotator) ?? []), doc])
  }
  const annotators: AnnotatorDocs[] = [...byAnnotator.entries()].map(([name, docs]) => ({ name, docs }))
  const report = compareAnnotators(annotators)
  return report.episodes
    .map((e) => ({ dataset: e.dataset, episode: Number(e.episode), annotators: e.annotators.length, boundaryF1: e.boundaryF1 }))
    .sort((a, b) => (a.boundaryF1 !== b.boundaryF1 ? a.boundaryF1 - b.boundaryF1 : a.dataset !== b.dataset ? a.dataset.localeCompare(b.dataset) : a.episode - b.episode))
}
