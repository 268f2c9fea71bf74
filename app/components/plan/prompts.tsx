import type { ConversationPrompt } from '~/domain/respect-plan'

/** The debrief's prompts: numbers every member can see, sides but never names. */
export function Prompts({ prompts, empty }: { prompts: readonly ConversationPrompt[]; empty: string | null }) {
  return (
    <section className="card prompts" aria-labelledby="prompts-h">
      <h2 id="prompts-h">Conversation prompts</h2>
      {prompts.length ? (
        <>
          <p className="small muted">For the team’s debrief. Drawn from this round’s results as every member sees them; nobody is named.</p>
          <ol className="prompt-list">
            {prompts.map((p) => (
              <li key={p.key}>
                <p className="evidence">{p.evidence}</p>
                <p className="question">{p.question}</p>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="empty">{empty}</p>
      )}
    </section>
  )
}
