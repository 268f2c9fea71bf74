type Mismatch = { askedFor: string; specified: string; built: string; needed: string }

const PARTS = [
  { key: 'askedFor', title: 'What users asked for' },
  { key: 'specified', title: 'What was specified' },
  { key: 'built', title: 'What was built' },
  { key: 'needed', title: 'What users actually needed' },
] as const

export const MISMATCH_PARTS = PARTS

export function MismatchView({ mismatch }: { mismatch: Mismatch }) {
  return (
    <div className="mismatch">
      {PARTS.map((p) => (
        <div key={p.key} className={p.key === 'needed' ? 'needed' : undefined}>
          <h3>{p.title}</h3>
          <p className={mismatch[p.key] ? undefined : 'muted'}>{mismatch[p.key] || 'Not written yet.'}</p>
        </div>
      ))}
    </div>
  )
}
