export function FactorsView({ factors }: { factors: readonly { id: string; text: string; custom: boolean }[] }) {
  if (!factors.length) return <p className="muted">No contributing factors chosen yet.</p>
  return (
    <ul className="choice-list" style={{ listStyle: 'none', padding: 0 }}>
      {factors.map((f) => (
        <li key={f.id}>
          <span className="tag">{f.text}</span>
          {f.custom ? <span className="small muted"> (custom)</span> : null}
        </li>
      ))}
    </ul>
  )
}
