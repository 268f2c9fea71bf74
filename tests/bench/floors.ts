// What the app is measured against: the least work that gives the same result.
// - the dashboard: one hand-written SQL over the rollups, in one round trip;
// - an answer: the same rows written with postgres.js in one transaction;
// - HTTP: a bare Node server answering the same GET and POST.
import { spawn } from 'node:child_process'
import type postgres from 'postgres'

/**
 * The dashboard's numbers for `email`'s teams over [from, to], in one round
 * trip: Respect Index per month and dimension, the teams × dimensions heatmap,
 * participation per month, the feature log per month and the autopsies by
 * stage and factor. Cells under their round's anonymity threshold are left
 * out, as on the page. One pass over the rollups (grouping sets), through the
 * (workspace, team, closed_at) index.
 */
export async function dashboardFloor(db: postgres.Sql, email: string, from: string, to: string) {
  const [row] = await db<{ result: unknown }[]>`
    with scope as (
      select m.workspace_id, m.team_id from users u
      join memberships m on m.workspace_id = u.workspace_id and m.user_id = u.id and m.role = 'leader'
      where u.email = ${email}
    ),
    cells as materialized (
      select date_trunc('month', pr.closed_at) as period, pr.team_id, pr.dimension,
        sum(pr.score_sum) as score_sum, sum(pr.scored) as scored, sum(pr.responses) as responses
      from scope s join pulse_rollups pr on pr.workspace_id = s.workspace_id and pr.team_id = s.team_id
      where pr.closed_at >= ${from}::date and pr.closed_at < ${to}::date + 1 and pr.responses >= pr.anonymity_k
      group by grouping sets ((1, pr.dimension), (pr.team_id, pr.dimension), (1))
    ),
    eligible as (
      select date_trunc('month', r.closed_at) as period, sum(r.eligible_count) as eligible
      from scope s join rounds r on r.workspace_id = s.workspace_id and r.team_id = s.team_id
      where r.status = 'closed' and r.closed_at >= ${from}::date and r.closed_at < ${to}::date + 1
      group by 1
    ),
    features as (
      select month, sum(features) as features, sum(missed) as missed, sum(different_without_upset) as different,
        sum(engineering_before_spec) as early, sum(handoff) as handoff, sum(collaboration) as collaboration
      from scope s join feature_rollups f on f.team_id = s.team_id
      where month >= date_trunc('month', ${from}::date) and month <= ${to}::date
      group by 1
    ),
    autopsies as (
      select kind, key, sum(count) as count
      from scope s join autopsy_rollups a on a.team_id = s.team_id
      where month >= date_trunc('month', ${from}::date) and month <= ${to}::date
      group by 1, 2
    )
    select json_build_object(
      'series', (select json_agg(json_build_object('period', period, 'dimension', dimension, 'score', score_sum / nullif(scored, 0), 'n', scored))
                 from cells where period is not null and dimension is not null),
      'heatmap', (select json_agg(json_build_object('team', team_id, 'dimension', dimension, 'score', score_sum / nullif(scored, 0), 'n', scored))
                  from cells where team_id is not null),
      -- a round × discipline cell repeats its response count on each dimension's row: divide by the month's dimensions
      'participation', (select json_agg(json_build_object('period', e.period, 'eligible', e.eligible,
                          'responses', c.responses::float8 / (select count(*) from cells d where d.period = e.period and d.dimension is not null))
                          order by e.period)
                        from eligible e left join cells c on c.period = e.period and c.dimension is null and c.team_id is null),
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
