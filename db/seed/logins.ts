// The demo accounts `npm run seed:demo` creates; the e2e tests sign in with them.
export const DEMO_PASSWORD = 'tandem-demo-2026'
export const DEMO_LOGINS = [
  { email: 'admin@tandem.demo', name: 'Avery Admin', what: 'workspace admin: teams, people, questions, settings' },
  { email: 'leader@tandem.demo', name: 'Lena Leader', what: 'leader of every team: aggregates and trends' },
  { email: 'pm@tandem.demo', name: 'Priya Patel', what: 'product facilitator on Insights: runs rounds and autopsies' },
  { email: 'engineer@tandem.demo', name: 'Eli Okafor', what: 'engineer on Insights, who sat in on the user calls' },
  { email: 'growth-pm@tandem.demo', name: 'Gabriel Grant', what: 'product facilitator on Growth, in respect deficit since the reorg' },
  { email: 'growth-eng@tandem.demo', name: 'Gita Rao', what: 'engineer on Growth' },
] as const
