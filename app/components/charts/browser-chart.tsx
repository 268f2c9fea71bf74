// Charts are drawn in the browser only. Server-rendering recharts cost more
// than the rest of a page together (half the dashboard's and the team pulse
// page's server time in a profile), and every chart sits beside a table with
// the same numbers, which is what a page without JavaScript shows. The box
// keeps the chart's height from the first paint, so nothing jumps when it draws.
import { useSyncExternalStore, type ReactNode } from 'react'

const noChange = () => () => {}

/** False on the server and while hydrating, true once the page runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  )
}

/** A `chart-box` of fixed height whose chart is drawn once the page runs in the browser. */
export function BrowserChart({ height, className, children }: { height: number; className?: string; children: ReactNode }) {
  const hydrated = useHydrated()
  return (
    <div className={className ? `chart-box ${className}` : 'chart-box'} style={{ height }}>
      {hydrated ? children : null}
    </div>
  )
}
