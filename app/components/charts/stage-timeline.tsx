// The autopsy timeline: the nine stages left to right, one lane per
// discipline, the failure-origin stage hatched in red and a dashed line where
// engineering joined. Drawn with CSS grid so it renders on the server with no
// JavaScript and scrolls sideways on a phone; the table below it carries the
// same facts for screen readers and for anyone who prefers rows.
import { Fragment } from 'react'
import { STAGES, numberedStageLabel, stageLabel, type StageKey } from '~/domain/stages'
import { formatDate } from '~/domain/format'
import type { TimelineStage } from '~/domain/autopsy-view'
import { TableWrap } from '~/components/table-wrap'

const LANES = [
  { key: 'product', label: 'Product' },
  { key: 'engineering', label: 'Engineering' },
  { key: 'design', label: 'Design' },
] as const

function day(value: string | null) {
  return value ? formatDate(`${value}T12:00:00Z`, 'UTC') : null
}

function dates(s: TimelineStage) {
  const from = day(s.startedOn)
  const to = day(s.endedOn)
  if (from && to) return from === to ? from : `${from} – ${to}`
  return from ?? (to ? `until ${to}` : null)
}

/** The first stage engineering took part in, per the timeline. */
function engineeringJoinedAt(stages: readonly TimelineStage[]): StageKey | null {
  return stages.find((s) => s.engineering)?.stage ?? null
}

function summary(stages: readonly TimelineStage[], origin: StageKey | null, joined: StageKey | null) {
  const parts = [
    joined ? `Engineering joined at ${numberedStageLabel(joined)}.` : 'Engineering was not involved at any stage.',
    origin ? `The mismatch started at ${numberedStageLabel(origin)}.` : 'No failure-origin stage marked yet.',
  ]
  for (const lane of LANES) {
    const on = stages.filter((s) => s[lane.key]).length
    parts.push(`${lane.label} involved in ${on} of ${stages.length} stages.`)
  }
  return parts.join(' ')
}

export function StageTimeline({ stages, failureOrigin }: { stages: readonly TimelineStage[]; failureOrigin: StageKey | null }) {
  const ordered = STAGES.map(
    (s) =>
      stages.find((x) => x.stage === s.key) ?? {
        stage: s.key,
        product: false,
        engineering: false,
        design: false,
        startedOn: null,
        endedOn: null,
        note: '',
      },
  )
  const joined = engineeringJoinedAt(ordered)
  const col = (key: StageKey) => ordered.findIndex((s) => s.stage === key) + 2
  const footRow = LANES.length + 2
  return (
    <figure style={{ margin: 0 }}>
      <p className="scroll-hint small muted" style={{ margin: '0 0 0.25rem' }}>
        Scroll sideways for all nine stages, or open the table below.
      </p>
      <div className="timeline-box" role="region" tabIndex={0} aria-label="Timeline chart, scrolls sideways">
        <div className="timeline" role="img" aria-label={summary(ordered, failureOrigin, joined)}>
          {failureOrigin ? <div className="origin" style={{ gridColumn: col(failureOrigin), gridRow: `1 / ${footRow + 1}` }} /> : null}
          {joined ? <div className="joined" style={{ gridColumn: col(joined), gridRow: `1 / ${footRow + 1}` }} /> : null}
          {ordered.map((s, i) => (
            <div key={s.stage} className="head" style={{ gridColumn: i + 2 }}>
              <b>
                {i + 1}. {STAGES[i].short}
              </b>
              {dates(s) ? <span className="muted">{dates(s)}</span> : null}
            </div>
          ))}
          {LANES.map((lane, row) => (
            <Fragment key={lane.key}>
              <div className="lane" style={{ gridRow: row + 2 }}>
                {lane.label}
              </div>
              {ordered.map((s, i) => {
                const on = s[lane.key]
                const prev = i > 0 && ordered[i - 1][lane.key]
                const next = i < ordered.length - 1 && ordered[i + 1][lane.key]
                const cls = on ? `cell on lane-${lane.key}${prev ? '' : ' first'}${next ? '' : ' last'}` : 'cell off'
                return <div key={s.stage} className={cls} style={{ gridRow: row + 2, gridColumn: i + 2 }} />
              })}
            </Fragment>
          ))}
          {failureOrigin ? (
            <div className="foot origin-label" style={{ gridRow: footRow, gridColumn: col(failureOrigin) }}>
              ⚑ Mismatch started
            </div>
          ) : null}
          {joined && joined !== failureOrigin ? (
            <div className="foot joined-label" style={{ gridRow: footRow, gridColumn: col(joined) }}>
              ▸ Engineering joined
            </div>
          ) : joined ? (
            <div className="foot joined-label" style={{ gridRow: footRow + 1, gridColumn: col(joined) }}>
              ▸ Engineering joined
            </div>
          ) : null}
        </div>
      </div>
      <figcaption>
        <ul className="timeline-key">
          {LANES.map((lane) => (
            <li key={lane.key}>
              <span
                className="swatch"
                style={{ background: lane.key === 'product' ? '#2f5d8a' : lane.key === 'engineering' ? '#1e7a46' : '#8e44ad' }}
              />
              {lane.label} involved
            </li>
          ))}
          <li>
            <span className="key-origin" /> failure origin
          </li>
          <li>
            <span className="key-joined" /> engineering joined
          </li>
        </ul>
      </figcaption>
      <details className="alt">
        <summary>Show the timeline as a table</summary>
        <TableWrap label="Timeline table">
          <table>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Product</th>
                <th scope="col">Engineering</th>
                <th scope="col">Design</th>
                <th scope="col">Dates</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((s) => (
                <tr key={s.stage} className={s.stage === failureOrigin ? 'is-origin' : undefined}>
                  <th scope="row">
                    {numberedStageLabel(s.stage)}
                    {s.stage === failureOrigin ? <div className="small">⚑ failure origin</div> : null}
                    {s.stage === joined ? <div className="small">▸ engineering joined</div> : null}
                  </th>
                  {LANES.map((lane) => (
                    <td key={lane.key} className={s[lane.key] ? 'yes' : 'muted'}>
                      {s[lane.key] ? 'Involved' : '–'}
                    </td>
                  ))}
                  <td>{dates(s) ?? '–'}</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{s.note || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
      {ordered.some((s) => s.note) ? (
        <ul className="small" style={{ marginTop: '0.5rem' }}>
          {ordered
            .filter((s) => s.note)
            .map((s) => (
              <li key={s.stage}>
                <strong>{stageLabel(s.stage)}:</strong> <span style={{ whiteSpace: 'pre-wrap' }}>{s.note}</span>
              </li>
            ))}
        </ul>
      ) : null}
    </figure>
  )
}
