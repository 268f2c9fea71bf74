import { QUESTION_LABELS, SHIPPED_AS_LABELS, formatEffort, type Question, type ShippedAs } from '~/domain/classification'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { numberedStageLabel, type StageKey } from '~/domain/stages'
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
}

export function FeatureRecord({ feature }: { feature: FeatureRecordData }) {
  const f = feature
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
      <dd>{numberedStageLabel(f.engineeringJoinedStage)}</dd>
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
