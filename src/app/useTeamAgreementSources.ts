import { useMemo } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import type { AnnotationDoc } from '@/core/annotation'
import { db } from '@/data/browser/db'
import { pulledHeads } from '@/data/browser/teamOutbox'
import type { RecordFile } from '@/features/agreement/recordFiles'
import { useTeam } from '@/stores/teamStore'

const NONE: RecordFile[] = []

/**
 * Every annotator's heads pulled from the team server, as agreement sources (one per annotator, like one
 * records file each), while a team server is configured for the dataset.
 */
export function useTeamAgreementSources(dataset: string | undefined): RecordFile[] {
  const configured = useTeam((s) => s.config !== undefined)
  const heads = useLiveQuery(() => (dataset === undefined || !configured ? [] : pulledHeads(db, dataset)), [dataset, configured])
  return useMemo(() => {
    if (heads === undefined || heads.length === 0) return NONE
    const byAnnotator = new Map<string, AnnotationDoc[]>()
    for (const h of [...heads].sort((a, b) => a.episode - b.episode)) byAnnotator.set(h.annotator, [...(byAnnotator.get(h.annotator) ?? []), h.doc])
    return [...byAnnotator].sort(([a], [b]) => a.localeCompare(b)).map(([name, docs]) => ({ fileName: `team server: ${name}`, annotator: { name, docs }, problems: [] }))
  }, [heads])
}
