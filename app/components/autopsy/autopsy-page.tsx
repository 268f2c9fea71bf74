import { Link } from '@remix-run/react'
import { StageTimeline } from '~/components/charts/stage-timeline'
import { ClassificationBadge } from '~/components/features/classification-badge'
import { OutcomeTag } from '~/components/features/outcome-tag'
import type { AutopsyPageData } from '~/domain/autopsy-page'
import { numberedStageLabel } from '~/domain/stages'
import { useFormResult } from '~/utils/use-form-result'
import { ActionItemCard, AddActionForm } from './action-items'
import { FactorsView } from './factors'
import { GatePanel } from './gate-panel'
import { HindsightView } from './hindsight'
import { LIFECYCLE_INTENTS } from './lifecycle-panel'
import { MismatchView } from './mismatch'
import { Perspectives } from './perspectives'
import { RespectSnapshots } from './respect-snapshot'
import { StageProgress, StageTag } from './stage-progress'
import { useIntentFailure } from './use-intent-failure'

const GATE_STATE_TEXT = {
  deficit: 'in respect deficit',
  healthy: 'with no respect deficit',
  unknown: 'without enough pulse data to know',
} as const

export function AutopsyHeader({ data }: { data: AutopsyPageData }) {
  const { autopsy, feature, teamBase, viewer } = data
  const base = `${teamBase}/autopsies/${autopsy.id}`
  return (
    <>
      <p className="small">
        <Link to={`${teamBase}/autopsies`}>← Autopsies</Link>
      </p>
      <div className="page-head">
        <h2 id="autopsy-h">Autopsy: {feature.name}</h2>
        <div className="actions">
          {viewer.access === 'facilitate' && autopsy.stage !== 'published' ? (
            <Link className="button" to={`${base}/edit`}>
              Edit sections
            </Link>
          ) : null}
          <Link className="button secondary" to={`${base}/history`}>
            History
          </Link>
        </div>
      </div>
      <p className="row" style={{ gap: '0.5rem', alignItems: 'center' }}>
        <StageTag stage={autopsy.stage} />
        <ClassificationBadge classification={feature.classification} />
        <OutcomeTag outcome={feature.outcome} />
        <Link to={`${teamBase}/features/${feature.id}`} className="small">
          The feature’s record
        </Link>
      </p>
      <StageProgress stage={autopsy.stage} />
      {autopsy.stage === 'published' ? (
        <p className="alert ok" role="note">
          Published {autopsy.publishedAt}
          {autopsy.publishedGateState ? `, ${GATE_STATE_TEXT[autopsy.publishedGateState]}` : ''}. Read-only, except for the status of its
          action items; every change is kept in the <Link to={`${base}/history`}>history</Link>.
        </p>
      ) : null}
    </>
  )
}

function Part({
  n,
  id,
  title,
  children,
  aside,
}: {
  n: number
  id: string
  title: string
  children: React.ReactNode
  aside?: React.ReactNode
}) {
  return (
    <section className="part" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <span className="part-no">{n}.</span>
        {title}
        {aside}
      </h2>
      {children}
    </section>
  )
}

/** Whether a refusal belongs to the lifecycle panel or the add form; any other shows at the top of the body. */
const OWN_FORMS: readonly string[] = [...LIFECYCLE_INTENTS, 'add-action']

export function AutopsyBody({ data }: { data: AutopsyPageData }) {
  const { autopsy, viewer, teamBase } = data
  const base = `${teamBase}/autopsies/${autopsy.id}`
  const manage = viewer.access === 'facilitate' && autopsy.stage !== 'published'
  const result = useFormResult()
  const addFailure = useIntentFailure('add-action')
  const otherFailure = result.failed && !OWN_FORMS.includes(result.values.intent ?? '') ? result : null
  const editLink = manage ? (
    <Link to={`${base}/edit`} className="small" style={{ fontWeight: 400 }}>
      Edit
    </Link>
  ) : null
  return (
    <>
      {otherFailure?.formError ? (
        <p className="alert danger" role="alert">
          {otherFailure.formError}
        </p>
      ) : null}
      {data.earlierActions.length && autopsy.stage !== 'published' ? (
        <section className="card" aria-labelledby="earlier-h">
          <h2 id="earlier-h" style={{ marginTop: 0 }}>
            First, open actions from earlier autopsies and respect plans
          </h2>
          <p className="small muted">Review these before adding new ones: an action that never happened is part of this story too.</p>
          <ul className="actions-list">
            {data.earlierActions.map((item) => (
              <ActionItemCard
                key={item.id}
                item={item}
                today={data.today}
                processFlag={data.gate.processFlag}
                canSetStatus={viewer.access === 'facilitate' || item.ownerId === viewer.id}
                canRemove={false}
                teamBase={teamBase}
              />
            ))}
          </ul>
        </section>
      ) : null}

      <Part n={1} id="mismatch" title="The mismatch" aside={editLink}>
        <MismatchView mismatch={autopsy} />
      </Part>

      <Part n={2} id="timeline" title="Timeline" aside={editLink}>
        <p style={{ marginTop: 0 }}>
          {autopsy.failureOriginStage ? (
            <>
              The mismatch started at <strong>{numberedStageLabel(autopsy.failureOriginStage)}</strong>.
            </>
          ) : (
            <span className="muted">The failure-origin stage is not marked yet.</span>
          )}
        </p>
        <StageTimeline stages={data.timeline} failureOrigin={autopsy.failureOriginStage} />
      </Part>

      <Part n={3} id="perspectives" title="Perspectives, written privately first">
        <Perspectives
          view={data.perspectives}
          access={viewer.access}
          stage={autopsy.stage}
          writeHref={`${base}/perspective`}
          canWrite={viewer.canWrite && autopsy.stage === 'collecting'}
        />
      </Part>

      <Part n={4} id="factors" title="Contributing factors" aside={editLink}>
        <FactorsView factors={data.factors} />
      </Part>

      <Part n={5} id="hindsight" title="Cheaper alternative in hindsight" aside={editLink}>
        <HindsightView solution={autopsy.hindsightSolution} days={autopsy.hindsightDays} actualDays={data.feature.actualDays} />
      </Part>

      <Part n={6} id="respect" title="Respect snapshot">
        <RespectSnapshots
          before={data.snapshots.before}
          latest={data.snapshots.latest}
          startedOn={data.feature.startedOn}
          published={autopsy.stage === 'published'}
          pulseHref={`${teamBase}/pulse`}
          k={data.k}
        />
      </Part>

      <Part n={7} id="actions" title="Action items">
        <GatePanel gate={data.gate} canManage={manage} />
        {autopsy.overrideReason ? (
          <div className="override-note" role="note">
            <strong>
              Gate overridden{autopsy.overrideByName ? ` by ${autopsy.overrideByName}` : ''}
              {autopsy.overrideAt ? `, ${autopsy.overrideAt}` : ''}:
            </strong>{' '}
            {autopsy.overrideReason}
          </div>
        ) : null}
        {data.actions.length ? (
          <ul className="actions-list" style={{ marginTop: '0.75rem' }}>
            {data.actions.map((item) => (
              <ActionItemCard
                key={item.id}
                item={item}
                today={data.today}
                processFlag={data.gate.processFlag}
                canSetStatus={viewer.access === 'facilitate' || item.ownerId === viewer.id}
                canRemove={manage}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">
            No action items yet. Each has an owner, a due date and a kind: <strong>respect</strong> (who is in the room, who is asked, whose
            judgement counts) or <strong>process</strong> (a ritual, template, review step or tool).
          </p>
        )}
        {manage ? (
          <AddActionForm
            // Uncontrolled inputs keep what was typed across client navigations: a new key
            // after each added item, or a chosen suggestion, gives a fresh, prefilled form.
            key={`${data.actions.length}:${data.addDefaults.title}`}
            members={data.members}
            values={addFailure?.values ?? data.addDefaults}
            errors={addFailure?.errors ?? {}}
            formError={addFailure?.formError}
          />
        ) : null}
      </Part>
    </>
  )
}
