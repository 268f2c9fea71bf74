// Download links for the tables of a team's pulse page. Plain links to the
// CSV resource route, with the round the page shows.
import { useParams } from '@remix-run/react'
import { PULSE_CSV_LABELS, PULSE_CSV_SECTIONS } from '~/domain/trends/pulse-csv'

export function PulseCsvLinks({ roundId }: { roundId: string | null }) {
  const { teamId } = useParams()
  const href = (section: string) => {
    const params = new URLSearchParams({ section })
    if (roundId) params.set('round', roundId)
    return `/teams/${teamId}/pulse.csv?${params}`
  }
  return (
    <section aria-labelledby="pulse-csv-h">
      <h2 id="pulse-csv-h">Download the tables</h2>
      <p className="small muted">
        CSV files, with the same numbers as this page: a value hidden here is an empty cell there, with the reason.
      </p>
      <ul className="small">
        {PULSE_CSV_SECTIONS.map((s) => (
          <li key={s}>
            <a href={href(s)} download>
              {PULSE_CSV_LABELS[s]} (CSV)
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
