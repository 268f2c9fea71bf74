import { Form } from '@remix-run/react'
import { formatDate } from '~/domain/format'
import type { RoundListEntry } from '~/domain/public-results'

function roundLabel(round: Pick<RoundListEntry, 'status' | 'closesAt' | 'closedAt'>, timeZone: string) {
  if (round.status === 'closed') return `Closed ${formatDate(round.closedAt ?? round.closesAt, timeZone)}`
  return `Open now · closes ${formatDate(round.closesAt, timeZone)}`
}

/** A GET form, so the chosen round lives in the URL and works without JavaScript. */
export function RoundPicker({ rounds, selectedId, timeZone }: { rounds: RoundListEntry[]; selectedId: string | null; timeZone: string }) {
  if (rounds.length === 0) return null
  return (
    <Form method="get" className="row round-picker" aria-label="Choose a round">
      <div className="field">
        <label htmlFor="round">Round</label>
        <select id="round" name="round" defaultValue={selectedId ?? ''}>
          <option value="">Latest closed round</option>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {roundLabel(r, timeZone)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        Show
      </button>
    </Form>
  )
}
