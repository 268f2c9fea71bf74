import { useSyncExternalStore, type ReactNode } from 'react'
import { DEFICIT_LINE, OVERALL_LINE, teamLineStyle } from '~/components/charts/dashboard-line-chart'
import type { LineSeries } from '~/domain/dashboard/page'
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { TableWrap } from '~/components/table-wrap'
import { useHydrated } from '~/components/charts/browser-chart'

export type Download = { href: string; label: string }

/** One numbered dashboard section: heading, caption (what it shows, which way is good), content, CSV downloads. */
export function DashSection({
  id,
  title,
  caption,
  downloads,
  children,
}: {
  id: string
  title: string
  caption: ReactNode
  downloads: Download[]
  children: ReactNode
}) {
  return (
    <section id={id} className="dash-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <div className="dash-caption">{caption}</div>
      {children}
      {downloads.length ? (
        <ul className="downloads" aria-label={`Downloads for ${title}`}>
          {downloads.map((d) => (
            <li key={d.href}>
              <a href={d.href} download>
                Download CSV<span className="muted">: {d.label}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

/**
 * A chart in a box of fixed height, so the page does not jump. The box is a
 * focusable region: a keyboard user can scroll a wide chart sideways. The
 * chart is drawn in the browser only: server-rendering every chart cost more
 * than the rest of the page together, and each chart's table carries the
 * same numbers without JavaScript.
 */
export function ChartBox({
  label,
  height,
  className,
  children,
}: {
  label: string
  height: number
  className?: string
  children: ReactNode
}) {
  const hydrated = useHydrated()
  return (
    <div
      className={`chart-box dash-chart${className ? ` ${className}` : ''}`}
      style={{ height }}
      role="region"
      tabIndex={0}
      aria-label={`${label}. Chart; the table has the same numbers.`}
    >
      {hydrated ? children : null}
    </div>
  )
}

/** The same numbers as a table, closed by default. */
export function TableDetails({ summary, children, open = false }: { summary: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="dash-table" open={open}>
      <summary>{summary}</summary>
      <TableWrap label={summary}>{children}</TableWrap>
    </details>
  )
}

export function SuppressedNote({ k }: { k: number }) {
  return (
    <p className="small suppressed-note">
      <span aria-hidden="true">—</span> marks a hidden value: {SUPPRESSED_MESSAGE.toLowerCase()}. A score is shown only for a group of at
      least {k} people, and the “All selected teams” figures leave hidden teams out entirely.
    </p>
  )
}

/** An empty state that teaches: what the chart will show, and what feeds it. */
export function TeachingEmpty({ title, shows, feeds }: { title: string; shows: ReactNode; feeds: ReactNode }) {
  return (
    <div className="empty dash-empty">
      <h3>{title}</h3>
      <p>
        <strong>What you will see here:</strong> {shows}
      </p>
      <p>
        <strong>What feeds it:</strong> {feeds}
      </p>
    </div>
  )
}

function LineSample({ color, width, dash }: { color: string; width: number; dash?: string }) {
  return (
    <svg width="28" height="10" aria-hidden="true" className="line-sample">
      <line x1="0" y1="5" x2="28" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  )
}

/** A legend drawn by us rather than by recharts: it wraps on a phone and reads as a list. */
export function LineLegend({ series, reference }: { series: LineSeries[]; reference?: string }) {
  let team = 0
  return (
    <ul className="chart-legend" aria-label="Lines">
      {series.map((s) => {
        const style = s.overall ? null : teamLineStyle(team++)
        return (
          <li key={s.key}>
            {style ? (
              <LineSample color={style.color} width={1.5} dash={style.dash} />
            ) : (
              <LineSample color={OVERALL_LINE.color} width={OVERALL_LINE.width} />
            )}
            {s.name}
            {s.empty ? <span className="muted"> (nothing shown)</span> : null}
          </li>
        )
      })}
      {reference ? (
        <li>
          <LineSample color={DEFICIT_LINE.color} width={DEFICIT_LINE.width} dash={DEFICIT_LINE.dash} /> {reference}
        </li>
      ) : null}
    </ul>
  )
}

export function SwatchLegend({ items, label }: { items: readonly { label: string; fill: string }[]; label: string }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((i) => (
        <li key={i.label}>
          <span className="swatch" style={{ background: i.fill }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  )
}

/** A hidden value in a table cell. */
export function Hidden() {
  return (
    <span className="suppressed" title={SUPPRESSED_MESSAGE}>
      —<span className="sr-only"> (hidden: {SUPPRESSED_MESSAGE})</span>
    </span>
  )
}

// The width at which dashboard.css swaps the wide charts for the small ones.
const NARROW = '(max-width: 600px)'

function subscribe(onChange: () => void) {
  const media = window.matchMedia(NARROW)
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

/**
 * 'both' on the server and while hydrating (CSS shows one box), then the size
 * the screen needs: only that chart is drawn.
 */
function useChartSize(): 'both' | 'wide' | 'small' {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(NARROW).matches ? 'small' : 'wide'),
    () => 'both',
  )
}

/**
 * A chart drawn at two fixed sizes, one shown per screen width by CSS: nothing
 * is measured, so the server and the browser agree and nothing jumps.
 */
export function DualChart({
  label,
  wide,
  small,
}: {
  label: string
  wide: { height: number; chart: ReactNode }
  small: { height: number; chart: ReactNode }
}) {
  const size = useChartSize()
  return (
    <>
      {size !== 'small' ? (
        <ChartBox label={label} height={wide.height} className="dash-wide">
          {wide.chart}
        </ChartBox>
      ) : null}
      {size !== 'wide' ? (
        <ChartBox label={label} height={small.height} className="dash-narrow">
          {small.chart}
        </ChartBox>
      ) : null}
    </>
  )
}
