// Short answers the server gives itself, without the app: a refused request, or
// the database being away. Plain HTML for a browser, JSON for Remix's data
// requests (?_data=), which expect JSON.

const MESSAGES = {
  400: ['Bad request', 'The form could not be read. Go back, reload the page and try again.'],
  404: ['Not found', 'There is nothing at this address.'],
  403: ['Not allowed', 'This request did not come from a Tandem page, so it was refused. Go back, reload the page and try again.'],
  413: [
    'Too large',
    'That request was larger than Tandem accepts (1 MB). Shorten the text, or split the file you are uploading, and try again.',
  ],
  415: ['Not a form', 'Tandem only accepts forms from its own pages.'],
  500: ['Something went wrong', 'Tandem could not answer this request. It has been logged; try again in a moment.'],
  503: [
    'Tandem is unavailable',
    'Tandem cannot reach its database right now. Nothing you sent in the last moment was saved unless you saw it confirmed. Try again in a minute.',
  ],
} as const

export type PlainStatus = keyof typeof MESSAGES

export function plainAnswer(status: PlainStatus, { json }: { json: boolean }): { body: string; contentType: string } {
  const [title, text] = MESSAGES[status]
  if (json) return { body: JSON.stringify({ error: text }), contentType: 'application/json; charset=utf-8' }
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Tandem</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1d2733;background:#f6f7f9;margin:0;padding:3rem 1rem}main{max-width:34rem;margin:0 auto;background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1.5rem 1.75rem}h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0}</style>
</head>
<body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Back to Tandem</a></p></main></body>
</html>
`
  return { body, contentType: 'text/html; charset=utf-8' }
}
