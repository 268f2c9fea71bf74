// What the app is measured against: the least work that gives the same result.
// - the dashboard: one hand-written SQL over the rollups, in one round trip;
// - an answer: the same rows written with postgres.js in one transaction;
// - HTTP: a bare Node server answering the same GET and POST.
import { spawn } from 'node:child_process'
import type postgres from 'postgres'

/**
 * The dashboard's numbers for `email`'s teams over [from, to]: Respect Index
 * per month and dimension, the teams × dimensions heatmap, participation per
 * month, the feature log per month and the autopsies by stage and factor.
 * Cells under their round's anonymity threshold are left out, as on the page.
 */
export async function dashboardFloor(db: postgres.Sql, email: string, from: string, to: string) {
  const [row] = await db<{ result: unknown }[]>`
    with scope as (
      select m.team_id from memberships m join users u on u.id = m.user_id
      where u.email = ${email} and m.role = 'leader'
    ),
    cells as (
      select pr.*, date_trunc('month', pr.closed_at) as period from pulse_rollups pr
      where pr.team_id in (select team_id from scope)
        and pr.closed_at >= ${from}::date and pr.closed_at < ${to}::date + 1
        and pr.responses >= pr.anonymity_k
    ),
    series as (
      select period, dimension, sum(score_sum) / nullif(sum(scored), 0) as score, sum(scored) as n
      from cells group by 1, 2
    ),
    heatmap as (
      select team_id, dimension, sum(score_sum) / nullif(sum(scored), 0) as score, sum(scored) as n
      from cells group by 1, 2
    ),
    round_responses as (
      select round_id, period, sum(responses) as responses
      from (select distinct round_id, period, discipline, responses from cells) d group by 1, 2
    ),
    participation as (
      select rr.period, sum(rr.responses) as responses, sum(r.eligible_count) as eligible
      from round_responses rr join rounds r on r.id = rr.round_id group by 1
    ),
    features as (
      select month, sum(features) as features, sum(missed) as missed, sum(different_without_upset) as different,
        sum(engineering_before_spec) as early, sum(handoff) as handoff, sum(collaboration) as collaboration
      from feature_rollups
      where team_id in (select team_id from scope) and month >= date_trunc('month', ${from}::date) and month <= ${to}::date
      group by 1
    ),
    autopsies as (
      select kind, key, sum(count) as count from autopsy_rollups
      where team_id in (select team_id from scope) and month >= date_trunc('month', ${from}::date) and month <= ${to}::date
      group by 1, 2
    )
    select json_build_object(
      'series', (select json_agg(s order by period, dimension) from series s),
      'heatmap', (select json_agg(h) from heatmap h),
      'participation', (select json_agg(p order by period) from participation p),
      'features', (select json_agg(f order by month) from features f),
      'autopsies', (select json_agg(a) from autopsies a)
    ) as result`
  return JSON.stringify(row.result).length
}

// The bare server: the answer page's own HTML for a GET, a 303 for a POST whose
// form it has parsed. Run in its own process so it does not share the client's event loop.
const BARE_SERVER = `
const http = require('node:http')
const page = Buffer.from(process.env.BARE_PAGE ?? '<form></form>')
const server = http.createServer((req, res) => {
  if (req.method === 'POST') {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString())
      res.writeHead(form.size ? 303 : 400, { location: req.url + '?done=1' }).end()
    })
    return
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page)
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\\n'))
`

export async function startBareServer(port: number, page: string) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: process.env.PATH, PORT: String(port), BARE_PAGE: page }
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill()))),
  }
}
