import { CLASSIFICATION_LABELS, CLASSIFICATION_RULE, type Classification } from '~/domain/classification'

export function ClassificationBadge({ classification }: { classification: Classification }) {
  return <span className={`tag ${classification}`}>{CLASSIFICATION_LABELS[classification]}</span>
}

/** The classification with the rule that produced it, written out on the page. */
export function ClassificationNote({
  classification,
  reason,
  caveats,
}: {
  classification: Classification
  reason: string
  caveats: readonly string[]
}) {
  return (
    <section className="card" aria-labelledby="classification-h">
      <h3 id="classification-h" style={{ marginTop: 0 }}>
        Classification: <ClassificationBadge classification={classification} />
      </h3>
      <p style={{ margin: '0 0 0.5rem' }}>{reason}</p>
      {caveats.map((c) => (
        <p key={c} className="small" style={{ margin: '0 0 0.5rem' }}>
          <strong>Worth noticing:</strong> {c}
        </p>
      ))}
      <p className="rule" style={{ margin: 0 }}>
        <strong>The rule:</strong> {CLASSIFICATION_RULE}
      </p>
    </section>
  )
}
