import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager, readPage } from '~/components/pager'
import { AnonymityChanges } from '~/components/anonymity/changes'
import { AnonymityPromises } from '~/components/anonymity/promises'
import { MIN_K, SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { getPublicAnonymitySettings, listAnonymityChanges } from '~/models/anonymity-settings.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { getUser } from '~/utils/auth.server'

// Plain HTML: this page must work for anyone, signed in or not, with JavaScript off.
export const handle = { scripts: false }

const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const page = readPage(request)
  const settings = await getPublicAnonymitySettings(user?.workspaceId ?? null)
  // The change log is the viewer's own workspace's; a visitor who is not signed in sees the defaults only.
  const [changes, workspace] = user
    ? await Promise.all([
        listAnonymityChanges(user.workspaceId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
        getWorkspaceById(user.workspaceId),
      ])
    : [null, null]
  return json({
    k: settings.k,
    commentK: settings.commentK,
    fromWorkspace: settings.fromWorkspace,
    minK: MIN_K,
    timeZone: workspace?.timeZone ?? 'UTC',
    changes: changes ? { ...changes, page, pages: Math.max(1, Math.ceil(changes.total / PAGE_SIZE)) } : null,
  })
}

export default function Anonymity() {
  const { k, commentK, fromWorkspace, minK, changes, timeZone } = useLoaderData<typeof loader>()
  return (
    <article className="prose" style={{ maxWidth: '46rem' }}>
      <h1>How anonymity works</h1>
      <p>
        Tandem asks product and engineering people how much they respect each other’s work. That only works if people can answer honestly,
        so the rules below are built into every page, export and email. They are the same for everyone, including admins.
      </p>
      <p className="card">
        {fromWorkspace ? 'In this workspace, rounds that open from now on' : 'By default, rounds'} show results only for groups of at least{' '}
        <strong>{k} people</strong>, and comments and exact counts per statement only for <strong>{commentK}</strong>. In what follows,{' '}
        <em>k</em> is that first number and the comment threshold the second. Each round keeps the numbers it opened with; the answer page
        of a round states them. Admins can raise these numbers; k can never go below {minK}.
        {fromWorkspace ? null : ' Sign in to see your own workspace’s thresholds and every change made to them.'}
      </p>

      <h2>The promises</h2>
      <AnonymityPromises />

      <h2>Why these rules</h2>
      <p>
        A score from one or two people is really their personal answer, so a hidden result shows “{SUPPRESSED_MESSAGE}”. A split can give
        people away even when every group shown is big enough: if 7 people answer, <strong>engineering 6, everyone else 1</strong>, then
        engineering’s average next to the team’s average gives away the one other person’s answers by subtraction. Two overlapping results
        leak the same way: “Team A” next to “Team A plus Team B”, with two people in Team B, reveals those two.
      </p>
      <p>
        You know your own answers. In a group of exactly k, subtracting them would leave the others’ answers, which is why your own answer
        never counts toward what you see. Free text carries writing style, topics and in-jokes, so comments need a bigger crowd; they are
        shuffled and carry only the date the round closed, never a time.
      </p>
      <p>
        A team of 6 engineers, 5 product people and 1 designer cannot show product next to engineering: the team minus both would be the
        designer. It can show product against everyone else, which is the comparison most worth having, and the page says so when it does.
      </p>

      <h2>What admins can and cannot see</h2>
      <div className="grid">
        <section className="card" aria-labelledby="admins-can">
          <h3 id="admins-can" style={{ marginTop: 0 }}>
            Admins can see
          </h3>
          <ul>
            <li>who is on each team, with their discipline and role, and every change to that;</li>
            <li>how many people answered each round (participation);</li>
            <li>the same results everyone on the team sees, after the same rules.</li>
          </ul>
        </section>
        <section className="card" aria-labelledby="admins-cannot">
          <h3 id="admins-cannot" style={{ marginTop: 0 }}>
            Admins cannot see
          </h3>
          <ul>
            <li>who gave which answer or wrote which comment;</li>
            <li>who has or has not answered, or when anyone answered;</li>
            <li>results for fewer than k people, or comments for fewer than the comment threshold;</li>
            <li>any scores while a round is still open.</li>
          </ul>
        </section>
      </div>

      {changes ? (
        <section aria-labelledby="changes-h">
          <h2 id="changes-h">Changes to this workspace’s thresholds</h2>
          <AnonymityChanges changes={changes.changes} timeZone={timeZone} />
          <Pager page={changes.page} pages={changes.pages} />
        </section>
      ) : null}

      <h2>What these rules do not cover</h2>
      <p className="small">
        Whoever runs the server and its database is trusted with the raw data while a round is open: someone watching the database live
        could see an answer arrive as a colleague submits. That is why a response carries no name, account or time in the first place, and
        why the rows are scrambled the moment a round closes. People who answer can also compare notes with each other; no software can stop
        that.
      </p>
      <p>
        <Link to="/">Back to Tandem</Link>
      </p>
    </article>
  )
}

export const meta: MetaFunction = () => [{ title: 'How anonymity works · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
