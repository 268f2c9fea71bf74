import { QUESTION_LABELS, SHIPPED_AS_LABELS, formatEffort, type Question, type ShippedAs } from '~/domain/classification'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { numberedStageLabel, type StageKey } from '~/domain/stages'
import { derivedStageNote, SOURCE_LABELS, type ImportSource } from '~/domain/feature-import'
import { formatDay, plural } from '~/domain/format'

export type FeatureRecordData = {
  problem: string
  ask: string
  specWords: number
  specPages: number
  specPasted: boolean
  engineeringJoinedStage: StageKey
  question: Question
  plannedDays: number
  actualDays: number
  startedOn: string
  shippedOn: string
  shippedAs: ShippedAs
  changeWhat: string | null
  changeWhy: string | null
  upsetDisciplines: Discipline[]
  source?: ImportSource | null
  externalKey?: string | null
  sourceUrl?: string | null
  stageDerivedFrom?: ImportSource | null
  stageDerivedAt?: string | null
  stageEvidence?: string | null
}

export function FeatureRecord({ feature }: { feature: FeatureRecordData }) {
  const f = feature
  const note = derivedStageNote({
    stageDerivedFrom: f.stageDerivedFrom ?? null,
    stageDerivedAt: f.stageDerivedAt ?? null,
    stageEvidence: f.stageEvidence ?? null,
  })
  const overrun = f.plannedDays > 0 ? Math.round(((f.actualDays - f.plannedDays) / f.plannedDays) * 100) : null
  return (
    <dl className="record card">
      <dt>The user problem (Y)</dt>
      <dd>{f.problem}</dd>
      <dt>The ask (X)</dt>
      <dd>“{f.ask}”</dd>
      <dt>The spec</dt>
      <dd>
        {f.specWords === 0 ? 'No written spec' : `${plural(f.specWords, 'word')}, about ${plural(f.specPages, 'page')}`}
        {f.specPasted ? <span className="muted"> (counted from the pasted text)</span> : null}
      </dd>
      <dt>Engineering first involved</dt>
      <dd>
        {numberedStageLabel(f.engineeringJoinedStage)}
        {note ? <div className="small muted">{note}</div> : null}
      </dd>
      <dt>Engineering was asked</dt>
      <dd>{QUESTION_LABELS[f.question]}</dd>
      <dt>Effort</dt>
      <dd>
        planned {formatEffort(f.plannedDays)}, actual {formatEffort(f.actualDays)}
        {overrun !== null && overrun !== 0 ? <span className="muted"> ({overrun > 0 ? `+${overrun}` : overrun}%)</span> : null}
      </dd>
      <dt>Dates</dt>
      <dd>
        work began {formatDay(f.startedOn)}, shipped {formatDay(f.shippedOn)}
      </dd>
      {f.source ? (
        <>
          <dt>Imported from</dt>
          <dd>
            {SOURCE_LABELS[f.source]}{' '}
            {f.sourceUrl && /^https?:\/\//.test(f.sourceUrl) ? (
              <a href={f.sourceUrl} rel="noreferrer noopener">
                {f.externalKey}
              </a>
            ) : (
              f.externalKey
            )}
          </dd>
        </>
      ) : null}
      <dt>Shipped</dt>
      <dd>{SHIPPED_AS_LABELS[f.shippedAs]}</dd>
      {f.shippedAs === 'differently' ? (
        <>
          <dt>What changed</dt>
          <dd>{f.changeWhat ?? '—'}</dd>
          <dt>Why</dt>
          <dd>{f.changeWhy ?? '—'}</dd>
          <dt>Anyone upset?</dt>
          <dd>{f.upsetDisciplines.length ? f.upsetDisciplines.map((d) => DISCIPLINE_LABELS[d]).join(', ') : 'Nobody'}</dd>
        </>
      ) : null}
    </dl>
  )
}
