import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MIN_K, SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { getPublicAnonymitySettings } from '~/models/anonymity-settings.server'
import { getUser } from '~/utils/auth.server'

// Plain HTML: this page must work for anyone, signed in or not, with JavaScript off.
export const handle = { scripts: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const settings = await getPublicAnonymitySettings(user?.workspaceId)
  return json({ k: settings.k, commentK: settings.commentK, fromWorkspace: settings.fromWorkspace, minK: MIN_K })
}

export default function Anonymity() {
  const { k, commentK, fromWorkspace, minK } = useLoaderData<typeof loader>()
  return (
    <article className="prose" style={{ maxWidth: '46rem' }}>
      <h1>How anonymity works</h1>
      <p>
        Tandem asks product and engineering people how much they respect each other’s work. That only works if people
        can answer honestly, so the rules below are built into every page, export and email. They are the same for
        everyone, including admins.
      </p>
      <p className="card">
        {fromWorkspace ? 'In this workspace' : 'By default'}, results need at least <strong>{k} responses</strong> and
        comments need at least <strong>{commentK} responses</strong>.
      </p>

      <h2>What is stored when you answer</h2>
      <ul>
        <li>
          <strong>Your answers</strong> (1 to 7 for each statement), your optional comment, your{' '}
          <strong>discipline</strong> (product, engineering, design or other) and <strong>which round</strong> it was.
        </li>
        <li>
          That response gets a <strong>random id</strong>. It holds <strong>no name, no account id and no time</strong>{' '}
          — not even the time you answered.
        </li>
        <li>
          Separately, Tandem notes <em>that</em> you answered a round, with nothing that points to your response. This is
          used only to stop you answering twice, to count participation and to remind those who have not answered yet.
        </li>
      </ul>

      <h2>Nothing is shown for fewer than {k} people</h2>
      <p>
        A score from one or two people is really their personal answer. So every result — a team’s scores, a split by
        discipline, the spread of answers to a statement — is shown only when at least <strong>{k}</strong> people
        responded. Below that you see “{SUPPRESSED_MESSAGE}”, and a hidden result does not say how many people it
        would have covered. What the team does see for every round is its participation — how many members answered —
        which says nothing about what anyone answered. Admins can raise this number; it can never go below {minK}.
      </p>

      <h2>Results appear only after a round closes</h2>
      <p>
        While a round is open, the team sees how many have answered so far, but no scores. Live scores would let someone
        watch a number move right after a colleague says “I just filled it in”.
      </p>

      <h2>Splits by discipline, and the remainder rule</h2>
      <p>
        The most useful view compares how product sees itself with how engineering sees it. But a split can give people
        away even when every group shown is big enough. Say 7 people answer: <strong>engineering 6, everyone else 1</strong>
        . Showing engineering’s average next to the team’s average would let anyone work out the one other person’s
        answers by subtraction.
      </p>
      <p>
        So a split is shown only if the people <em>left over</em> after the groups shown are either nobody or at least{' '}
        {k}. “Product 5, engineering 6, design 1” is hidden for the same reason: the single designer could be worked out.
      </p>

      <h2>Comments</h2>
      <ul>
        <li>
          Comments are shown only when at least <strong>{commentK}</strong> people responded. Writing style, topics and
          in-jokes can identify someone more easily than a number, so the crowd must be bigger.
        </li>
        <li>
          They are <strong>shuffled</strong>, never listed in the order they were written, and shown with the{' '}
          <strong>date the round closed</strong> only — never a time.
        </li>
        <li>Comments are shown exactly as written, so leave out anything that would identify you.</li>
      </ul>

      <h2>Overlapping groups: why filters cannot be narrowed freely</h2>
      <p>
        Two results can leak what neither shows alone. If you could see “Team A” and “Team A plus Team B”, and Team B had
        two respondents, subtracting one from the other would reveal those two people. So any two results that can both be
        seen for the same round must differ by nobody or by at least {k} people; otherwise the smaller one is hidden. That
        is why some combinations of teams, disciplines or filters show “{SUPPRESSED_MESSAGE}” even though each looks big
        enough on its own.
      </p>

      <h2>What admins can and cannot see</h2>
      <div className="grid">
        <section className="card" aria-labelledby="admins-can">
          <h3 id="admins-can" style={{ marginTop: 0 }}>
            Admins can see
          </h3>
          <ul>
            <li>who is on each team, with their discipline and role;</li>
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
            <li>when anyone answered;</li>
            <li>results for fewer than {k} people, or comments for fewer than {commentK};</li>
            <li>any scores while a round is still open.</li>
          </ul>
        </section>
      </div>
      <p className="muted small">
        These rules cover everything Tandem shows. As with any software, whoever runs the server and its database is
        trusted with the raw data, which is why responses carry no name, account or time in the first place.
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
