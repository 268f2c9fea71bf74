// The anonymity promises in words. The "How anonymity works" page renders
// these, and the README and docs/anonymity.md quote them word for word (a test
// checks), so the three can never drift apart. Each is enforced by the rules in
// ./anonymity.ts and the write paths named in docs/anonymity.md.

export type AnonymityPromise = { key: string; title: string; text: string }

export const ANONYMITY_PROMISES: readonly AnonymityPromise[] = [
  {
    key: 'stored',
    title: 'What is stored',
    text: 'A response holds your answers, your optional comment, the discipline your answer counts under and the round. It holds no name, no account and no time.',
  },
  {
    key: 'threshold',
    title: 'Nothing is shown for fewer than k people',
    text: 'Results of a round are shown only for groups of at least k people other than the person looking: if you answered, your own answer never counts toward what you are shown.',
  },
  {
    key: 'round-thresholds',
    title: 'Thresholds belong to the round',
    text: 'Each round keeps the thresholds it opened with. An admin can make past rounds stricter, never looser, and every change of the thresholds is listed on the anonymity page with the date and who made it.',
  },
  {
    key: 'roster',
    title: 'The roster is fixed when a round opens',
    text: 'Only the people on a team when a round opens can answer it, and each answer counts under the discipline its author had on the team at that moment, never one chosen on the form. Every change to who is on a team is shown to its members, with the date and who made it.',
  },
  {
    key: 'exact-counts',
    title: 'Comments and exact counts need more people',
    text: 'Comments and exact counts per statement need at least the comment threshold of people other than you. Below it, the answers to a statement are shown in three bands: disagree, neutral and agree.',
  },
  {
    key: 'unanimity',
    title: 'Unanimous groups',
    text: 'When everyone in a group gives the same answer, the result itself tells each member what the others said. No threshold can prevent that; it is true of any average.',
  },
  {
    key: 'splits',
    title: 'Splits by discipline',
    text: 'A split by discipline is shown only when every group shown, and whatever is left over, is either nobody or at least k people. When a few people from a third discipline would be exposed, product or engineering is compared with everyone else instead.',
  },
  {
    key: 'overlaps',
    title: 'Overlapping results',
    text: 'Any two results you can see for the same round differ by nobody or by at least k people; otherwise the smaller one is hidden.',
  },
  {
    key: 'after-close',
    title: 'Results only after a round closes',
    text: 'Results appear only after a round closes, and an answer counts only if the round was still open when it was saved. While a round is open, its team sees how many of its roster have answered, and nothing else.',
  },
  {
    key: 'participation',
    title: 'Participation',
    text: 'Participation, how many of a round’s roster answered, is shown for every round, open or closed, even when its scores are hidden. It says how many answered, never who.',
  },
  {
    key: 'who-answered',
    title: 'Nobody sees who has answered',
    text: 'No page, mail preview or outbox entry names who has or has not answered. Reminders go only to those who have not answered, and the outbox shows them as one line with a count.',
  },
  {
    key: 'dump',
    title: 'A copy of the database',
    text: 'When a round closes, its responses and the record of who answered are rewritten in random order with fresh ids, so a copy of the database taken afterwards links nobody to an answer.',
  },
]
