import { Link } from '@remix-run/react'
import { ClassificationBadge } from '~/components/features/classification-badge'
import { formatDay } from '~/domain/format'
import { OutcomeTag } from '~/components/features/outcome-tag'
import type { AutopsyStage } from '~/domain/autopsy-lifecycle'
import type { Classification, Outcome } from '~/domain/classification'
import { numberedStageLabel, type StageKey } from '~/domain/stages'
import { StageTag } from './stage-progress'
import { TableWrap } from '~/components/table-wrap'

export type AutopsyListRow = {
  id: string
  stage: AutopsyStage
  failureOriginStage: StageKey | null
  featureName: string
  shippedOn: string
  outcome: Outcome
  classification: Classification
  factors: string[]
  openActions: number
  overdueActions: number
}

export function AutopsyList({ rows, teamBase }: { rows: readonly AutopsyListRow[]; teamBase: string }) {
  return (
    <TableWrap label="Autopsies table">
      <table className="cards">
        <caption className="sr-only">Autopsies, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Stage</th>
            <th scope="col">Classification</th>
            <th scope="col">Failure origin</th>
            <th scope="col">Factors</th>
            <th scope="col">Open actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`${teamBase}/autopsies/${a.id}`}>{a.featureName}</Link>
                <div className="small muted">
                  shipped {formatDay(a.shippedOn)} · <OutcomeTag outcome={a.outcome} short />
                </div>
              </td>
              <td data-label="Stage">
                <StageTag stage={a.stage} />
              </td>
              <td data-label="Classification">
                <ClassificationBadge classification={a.classification} />
              </td>
              <td data-label="Failure origin">
                {a.failureOriginStage ? numberedStageLabel(a.failureOriginStage) : <span className="muted">not marked</span>}
              </td>
              <td className="small" data-label="Factors">
                {a.factors.length ? a.factors.join(' · ') : <span className="muted">none yet</span>}
              </td>
              <td data-label="Open actions">
                {a.openActions}
                {a.overdueActions ? <span className="tag overdue"> {a.overdueActions} overdue</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
