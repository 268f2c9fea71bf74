import { digestTrend, formatDigestChange, formatDigestValue, type DigestNumber } from '~/domain/digest'

/** The digest's three numbers, rendered by React from the same data the mail is built from. */
export function DigestNumbers({ numbers }: { numbers: readonly DigestNumber[] }) {
  return (
    <ol className="digest-numbers">
      {numbers.map((n) => {
        const change = formatDigestChange(n)
        const direction = digestTrend(n)
        return (
          <li key={n.key} className="digest-number">
            <span className="digest-label">{n.label}</span>
            {n.value === null ? (
              <span className="digest-missing">{formatDigestValue(n)}</span>
            ) : (
              <span className="digest-value num">{formatDigestValue(n)}</span>
            )}
            {change ? (
              <span className={`digest-change ${direction}`}>
                {direction === 'better' ? (
                  <span aria-hidden="true">▲ </span>
                ) : direction === 'worse' ? (
                  <span aria-hidden="true">▼ </span>
                ) : null}
                {change}
              </span>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
