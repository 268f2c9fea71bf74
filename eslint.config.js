// Lint guards the architecture as well as the syntax. The layers:
//   routes → utils guards → models → db, with app/domain importable by all and
//   importing nothing that does I/O; components render, and never reach past
//   app/domain for their types; app/jobs wires the scheduler; db/ scripts and
//   seeds never import routes. A rule below fails the build when an import
//   crosses a line the wrong way.
import js from '@eslint/js'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const IO_PACKAGES = [
  'drizzle-orm',
  'drizzle-orm/*',
  'postgres',
  '@electric-sql/pglite',
  'nodemailer',
  'pino',
  'prom-client',
  'express',
  '@remix-run/*',
  'node:*',
  'fs',
  'path',
  'crypto',
]

/** A no-restricted-imports rule with our reasons attached. */
function restrict(...groups) {
  return ['error', { patterns: groups.map(({ group, message }) => ({ group, message })) }]
}

const models = {
  group: ['~/models/*', '~/models/**', '**/models/*.server', '**/models/**/*.server'],
  message: 'Only routes, guards, jobs and other models read the database: move the query or take the data as an argument.',
}
const db = { group: ['**/db/*', '**/db/**', '!**/db/schema'], message: 'Only models talk to the database.' }
const routes = { group: ['~/routes/*', '~/routes/**', '**/app/routes/**'], message: 'Nothing imports a route module.' }

export default tseslint.config(
  {
    ignores: ['build/', 'public/build/', '.cache/', 'node_modules/', 'db/migrations/', 'test-results/', 'tests/.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { 'import-x': importX },
    rules: {
      // import() types stay allowed: the database drivers are loaded lazily, by type.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // Tests must never leak into the app bundle.
      'no-restricted-imports': restrict({ group: ['**/tests/**', '../tests/*'], message: 'App code never imports test code.' }),
    },
  },
  {
    // Hooks live in React code; elsewhere a name like useConnection is not a hook.
    files: ['app/**/*.tsx', 'app/utils/use-*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['app/domain/**'],
    rules: {
      'no-restricted-imports': restrict(
        models,
        db,
        routes,
        {
          group: ['~/utils/*', '~/utils/**', '~/components/*', '~/components/**', '~/jobs/**', '~/server/**'],
          message: 'The domain is pure: it imports only the domain (and zod).',
        },
        { group: IO_PACKAGES, message: 'The domain does no I/O.' },
      ),
    },
  },
  {
    files: ['app/components/**'],
    rules: {
      'no-restricted-imports': restrict(models, db, routes, {
        group: ['~/utils/*.server', '~/jobs/**', '~/server/**'],
        message: 'Components render; server code stays on the server.',
      }),
    },
  },
  {
    // Leaf utilities: env, mail queue, passwords, tokens, logs, metrics, forms.
    // Guards (auth, session, throttle and app/utils/guards) may read models.
    files: ['app/utils/**'],
    ignores: ['app/utils/guards/**', 'app/utils/auth.server.ts', 'app/utils/session.server.ts', 'app/utils/throttle.server.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { ...models, message: 'A leaf utility never reads a model; a guard (app/utils/guards, auth, session, throttle) or a job may.' },
        routes,
        { group: ['~/jobs/**'], message: 'Utilities do not start jobs.' },
      ),
    },
  },
  {
    files: ['app/models/**'],
    rules: {
      'no-restricted-imports': restrict(routes, {
        group: ['~/components/**', '~/utils/guards/**', '~/jobs/**'],
        message: 'Models sit below routes, guards and jobs.',
      }),
    },
  },
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': restrict(routes, {
        group: ['~/components/**'],
        message: 'Scripts and seeds write data; they never render.',
      }),
    },
  },
  {
    files: ['tests/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Hostile-input tests are made of control characters.
      'no-control-regex': 'off',
    },
  },
)
