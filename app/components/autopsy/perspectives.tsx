import { Form, Link } from '@remix-run/react'
import type { AutopsyAccess, AutopsyStage } from '~/domain/autopsy-lifecycle'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { numberedStageLabel } from '~/domain/stages'
import type { PerspectivesView } from '~/domain/autopsy-view'

export const PRIVACY_PROMISE =
  'Each person writes their own account before seeing anyone else’s. Nobody can read another person’s perspective before the reveal: not other members, not the facilitator. The facilitator sees only who has written one, and reveals all of them at once.'

function Sealed({
  view,
  stage,
  writeHref,
  canWrite,
}: {
  view: Extract<PerspectivesView, { revealed: false }>
  stage: AutopsyStage
  writeHref: string
  canWrite: boolean
}) {
  if (stage === 'draft') {
    return (
      <div className="sealed">
        <p style={{ marginTop: 0 }}>
          <strong>Not open yet.</strong> When the facilitator starts collecting perspectives, the people who worked on the feature are asked
          to write their own account of what happened.
        </p>
        <p className="small muted" style={{ marginBottom: 0 }}>
          {PRIVACY_PROMISE}
        </p>
      </div>
    )
  }
  return (
    <div className="stack-sm">
      <div className="sealed" role="status">
        <p style={{ margin: 0 }}>
          <strong>
            {view.count} {view.count === 1 ? 'perspective' : 'perspectives'} written so far, sealed until the reveal.
          </strong>
        </p>
        <p className="small muted" style={{ marginBottom: 0 }}>
          {PRIVACY_PROMISE}
        </p>
      </div>
      {view.mine ? (
        <article className="perspective mine" aria-labelledby="mine-h">
          <header>
            <span id="mine-h">Your perspective (only you can read it)</span>
            {canWrite ? <Link to={writeHref}>Edit yours</Link> : null}
          </header>
          <blockquote>{view.mine.body}</blockquote>
          {view.mine.originStage ? (
            <p className="small muted">Where you think it started: {numberedStageLabel(view.mine.originStage)}</p>
          ) : null}
        </article>
      ) : canWrite ? (
        <p>
          <Link className="button" to={writeHref}>
            Write your perspective
          </Link>
        </p>
      ) : null}
    </div>
  )
}

export function Perspectives({
  view,
  access,
  stage,
  writeHref,
  canWrite,
}: {
  view: PerspectivesView
  access: AutopsyAccess
  stage: AutopsyStage
  writeHref: string
  canWrite: boolean
}) {
  if (!view.revealed) return <Sealed view={view} stage={stage} writeHref={writeHref} canWrite={canWrite} />
  return (
    <div className="stack-sm">
      <p className="small muted" style={{ marginTop: 0 }}>
        Written privately, revealed together.{' '}
        {view.showNames ? 'The facilitator chose to show names.' : 'Each account shows the writer’s discipline, not their name.'}
      </p>
      {access === 'facilitate' && stage === 'reviewing' ? (
        <Form method="post" className="small">
          <input type="hidden" name="show" value={view.showNames ? 'no' : 'yes'} />
          <button type="submit" name="intent" value="show-names" className="secondary">
            {view.showNames ? 'Hide names again' : 'Show names'}
          </button>{' '}
          <span className="muted">
            Recorded in the history. Names can help a team that is ready for them; they can also restart the blame.
          </span>
        </Form>
      ) : null}
      {view.items.length === 0 ? (
        <p className="muted">No perspectives were written.</p>
      ) : (
        <ul className="perspectives">
          {view.items.map((p) => (
            <li key={p.id}>
              <article className={`perspective d-${p.discipline}`}>
                <header>
                  <span>
                    {DISCIPLINE_LABELS[p.discipline]}
                    {p.authorName ? ` · ${p.authorName}` : ''}
                  </span>
                  {p.mine ? <span className="tag">yours</span> : null}
                </header>
                <blockquote>{p.body}</blockquote>
                {p.originStage ? (
                  <p className="small muted" style={{ marginBottom: 0 }}>
                    Thinks it started at: {numberedStageLabel(p.originStage)}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
