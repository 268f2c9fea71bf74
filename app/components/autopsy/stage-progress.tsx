import { AUTOPSY_STAGES, AUTOPSY_STAGE_LABELS, type AutopsyStage } from '~/domain/autopsy-lifecycle'

/** Where the autopsy is: draft → collecting perspectives → reviewing → published. */
export function StageProgress({ stage }: { stage: AutopsyStage }) {
  const current = AUTOPSY_STAGES.indexOf(stage)
  return (
    <ol className="progress" aria-label="Autopsy stage">
      {AUTOPSY_STAGES.map((s, i) => (
        <li
          key={s}
          className={i < current ? 'done' : i === current ? 'current' : undefined}
          aria-current={i === current ? 'step' : undefined}
        >
          {AUTOPSY_STAGE_LABELS[s]}
          {i < current ? <span className="sr-only"> (done)</span> : null}
        </li>
      ))}
    </ol>
  )
}

export function StageTag({ stage }: { stage: AutopsyStage }) {
  return <span className={`tag stage-${stage}`}>{AUTOPSY_STAGE_LABELS[stage]}</span>
}
