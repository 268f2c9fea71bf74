import type { ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { answerPosted } from '~/server/answer-lane'
import { routeIdFor, routeTree } from '~/server/app'

function route(id: string, parentId: string | undefined, path?: string, index?: boolean) {
  return { id, parentId, path, index, caseSensitive: undefined, module: {} as ServerBuild['routes'][string]['module'] }
}

const tree = routeTree({
  routes: {
    root: route('root', undefined, ''),
    'routes/_index': route('routes/_index', 'root', undefined, true),
    'routes/teams.$teamId': route('routes/teams.$teamId', 'root', 'teams/:teamId'),
    'routes/teams.$teamId._index': route('routes/teams.$teamId._index', 'routes/teams.$teamId', undefined, true),
    'routes/teams.$teamId.pulse': route('routes/teams.$teamId.pulse', 'routes/teams.$teamId', 'pulse'),
    'routes/teams.new': route('routes/teams.new', 'root', 'teams/new'),
    'routes/join.$token': route('routes/join.$token', 'root', 'join/:token'),
  },
})

describe('routeIdFor', () => {
  const id = 'a3bb189e-8bf9-3888-9912-ace4e6543002'
  it.each([
    ['/', null, 'routes/_index'],
    [`/teams/${id}`, null, 'routes/teams.$teamId._index'],
    [`/teams/${id}/pulse`, null, 'routes/teams.$teamId.pulse'],
    ['/teams/new', null, 'routes/teams.new'],
    ['/join/secret-token-value', null, 'routes/join.$token'],
    ['/nowhere/at/all', null, 'unmatched'],
    // A data request names its route; believed only when that route matched the path.
    [`/teams/${id}`, 'routes/teams.$teamId', 'routes/teams.$teamId'],
    [`/teams/${id}`, 'routes/join.$token', 'routes/teams.$teamId._index'],
  ])('%s (%s) → %s', (path, dataRoute, expected) => {
    expect(routeIdFor(tree, path, dataRoute)).toBe(expected)
    // The second call comes from the per-shape cache and agrees.
    expect(routeIdFor(tree, path, dataRoute)).toBe(expected)
  })
})

describe('answerPosted: which requests the answer lane takes', () => {
  const round = 'a3bb189e-8bf9-4888-9912-ace4e6543002'
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  const url = (path: string) => new URL(path, 'http://localhost')
  it('takes the answer form posted without JavaScript', () => {
    expect(answerPosted({ method: 'POST', headers: form }, url(`/pulse/${round}`))).toBe(round)
    expect(
      answerPosted(
        { method: 'POST', headers: { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' } },
        url(`/pulse/${round}`),
      ),
    ).toBe(round)
  })
  it.each([
    ['a page load', 'GET', form, `/pulse/${round}`],
    ['a data request', 'POST', form, `/pulse/${round}?_data=routes%2Fpulse.%24roundId`],
    ['any query string', 'POST', form, `/pulse/${round}?done=1`],
    ['a multipart form', 'POST', { 'content-type': 'multipart/form-data; boundary=x' }, `/pulse/${round}`],
    ['no content type', 'POST', {}, `/pulse/${round}`],
    ['a malformed round id', 'POST', form, '/pulse/not-a-round'],
    ['an upper-case id', 'POST', form, `/pulse/${round.toUpperCase()}`],
    ['a deeper path', 'POST', form, `/pulse/${round}/more`],
    ['another route', 'POST', form, `/teams/${round}/pulse`],
  ])('leaves %s to Remix', (_what, method, headers, path) => {
    expect(answerPosted({ method, headers }, url(path))).toBeNull()
  })
})
