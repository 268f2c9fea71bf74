import type { ReactNode } from 'react'

/**
 * A wide table's scroll box. On a phone the table scrolls sideways, so the box
 * takes keyboard focus (arrow keys scroll it) and is a named region for
 * screen readers.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
