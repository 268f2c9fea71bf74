import { ANONYMITY_PROMISES } from '~/domain/anonymity-promises'

/** The promises, word for word as in the README and docs/anonymity.md. */
export function AnonymityPromises() {
  return (
    <dl className="promises">
      {ANONYMITY_PROMISES.map((p) => (
        <div key={p.key} id={`promise-${p.key}`}>
          <dt>{p.title}</dt>
          <dd>{p.text}</dd>
        </div>
      ))}
    </dl>
  )
}
