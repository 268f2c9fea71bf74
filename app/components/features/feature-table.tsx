import { Link } from '@remix-run/react'
import { formatEffort, type Classification, type Outcome, type Question, type ShippedAs } from '~/domain/classification'
import { AUTOPSY_STAGE_LABELS, type AutopsyStage } from '~/domain/autopsy-lifecycle'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { STAGES, stagePosition, type StageKey } from '~/domain/stages'
import { ClassificationBadge } from './classification-badge'
import { formatDay } from '~/domain/format'
import { OutcomeTag } from './outcome-tag'
import { TableWrap } from '~/components/table-wrap'

export type FeatureRow = {
  id: string
  name: string
  ask: string
  shippedOn: string
  classification: Classification
  engineeringJoinedStage: StageKey
  question: Question
  specWords: number
  plannedDays: number
  actualDays: number
  shippedAs: ShippedAs
  upsetDisciplines: Discipline[]
  outcome: Outcome
  autopsyId: string | null
  autopsyStage: AutopsyStage | null
}

export function FeatureTable({ rows, teamBase }: { rows: readonly FeatureRow[]; teamBase: string }) {
  return (
    <TableWrap label="Features table">
      <table className="cards">
        <caption className="sr-only">Features, newest ship date first</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Shipped</th>
            <th scope="col">Classification</th>
            <th scope="col">Engineering joined</th>
            <th scope="col">Effort, planned → actual</th>
            <th scope="col">Shipped as</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={`${teamBase}/features/${f.id}`}>{f.name}</Link>
                <div className="small muted">asked: “{f.ask}”</div>
              </td>
              <td data-label="Shipped" style={{ whiteSpace: 'nowrap' }}>
                {formatDay(f.shippedOn)}
              </td>
              <td data-label="Classification">
                <ClassificationBadge classification={f.classification} />
                {f.question === 'how_fast' ? <div className="small muted">asked “how fast?”</div> : null}
              </td>
              <td data-label="Engineering joined">
                {stagePosition(f.engineeringJoinedStage)}. {STAGES.find((s) => s.key === f.engineeringJoinedStage)?.short}
              </td>
              <td className="num" data-label="Effort">
                {formatEffort(f.plannedDays)} → {formatEffort(f.actualDays)}
              </td>
              <td data-label="Shipped as">
                {f.shippedAs === 'differently' ? 'Differently' : 'As planned'}
                {f.upsetDisciplines.length ? (
                  <div className="small muted">upset: {f.upsetDisciplines.map((d) => DISCIPLINE_LABELS[d]).join(', ')}</div>
                ) : null}
              </td>
              <td data-label="Outcome">
                <OutcomeTag outcome={f.outcome} short />
                {f.autopsyId && f.autopsyStage ? (
                  <div className="small">
                    <Link to={`${teamBase}/autopsies/${f.autopsyId}`}>Autopsy: {AUTOPSY_STAGE_LABELS[f.autopsyStage].toLowerCase()}</Link>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
