import { Link, useLocation } from '@remix-run/react'

/** Reads ?page=N (1-based); anything odd falls back to page 1 rather than failing. */
export function readPage(request: Request) {
  const raw = Number(new URL(request.url).searchParams.get('page'))
  return Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1
}

export function Pager({ page, pages }: { page: number; pages: number }) {
  const location = useLocation()
  if (pages <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set('page', String(p))
    return `${location.pathname}?${params}`
  }
  return (
    <nav className="pager" aria-label="Pagination">
      {page > 1 ? <Link to={href(page - 1)}>← Previous</Link> : <span className="muted">← Previous</span>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>Next →</Link> : <span className="muted">Next →</span>}
    </nav>
  )
}
