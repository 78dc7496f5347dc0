// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Code that runs inside the Temporal workflow sandbox must stay deterministic:
// no Node modules, no I/O, no host globals. The whole of workflows/ is sandbox code: activities live in apps/worker.
const SANDBOX_FILES = [
  'workflows/**/*.ts',
  'dsl/ir/**/*.ts',
  'dsl/calendar/workdays.ts',
  'dsl/calendar/local-date.ts',
  'dsl/calendar/serialized.ts',
  'dsl/calendar/local-time.ts',
];
const SANDBOX_IGNORES = ['**/*.test.ts'];

// The layers (docs/architecture.md): dsl → workflows → apps, one way. A relative import that climbs out of its
// layer is refused; the depth of `../` that leaves the folder depends on how deep the file sits.
const SERVER_FOLDERS = 'api|worker|database|mailer|cli|dev-stack|publishing|credentials|config|reports';
function leavesFolder(folder, allowed, message) {
  return [1, 2, 3, 4, 5].map((depth) => ({
    files: [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}(?!${allowed})`,
              message,
            },
          ],
        },
      ],
    },
  }));
}
const LAYERS = [
  ...leavesFolder('dsl', 'dsl/', 'dsl/ is the plan language on its own: it imports nothing outside dsl/.'),
  ...leavesFolder(
    'workflows',
    'workflows/|dsl/',
    'workflows/ is sandbox code: it imports the plan language (dsl/) and nothing of apps/.',
  ),
  {
    // The browser app talks to the server over HTTP only. It may reuse the plan language's lexer (browser-safe)
    // and the shapes of what the API answers (type-only imports).
    files: ['apps/web/**/*.{ts,tsx}'],
    ignores: ['apps/web/vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(apps/)?(${SERVER_FOLDERS.replace('|reports', '')})/`,
              message: 'apps/web runs in the browser: it reaches the server over HTTP, never by import.',
            },
            {
              regex: '^(\\.\\./)+(workflows/|(apps/)?reports/|dsl/(?!lexer/))',
              message:
                'apps/web may import the plan lexer, and only the types of workflows/contracts and the report model.',
              allowTypeImports: true,
            },
            { regex: '^node:', message: 'apps/web runs in the browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // What people read is computed once for the server and the browser alike: pure code over the calendar.
    files: ['apps/presentation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./\\.\\./dsl/(calendar/local-(date|time)|text/unsafe-text)\\.js$)',
              message:
                'apps/presentation runs in the browser too: it imports only dsl/calendar/local-date, local-time and dsl/text/unsafe-text.',
            },
          ],
        },
      ],
    },
  },
  {
    // Importing a Word/Excel plan is pure reading and mapping: it writes plan text and lets the language's public
    // entry (dsl/index.ts) judge it; it never reaches into the checker's internals or the server.
    files: ['apps/importing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./dsl/index\\.js$|presentation/)',
              message:
                "apps/importing imports only the plan language's public API (dsl/index.js) and apps/presentation.",
            },
          ],
        },
      ],
    },
  },
  {
    // Repositories are built in one place (apps/database/repositories/index.ts) and handed to whoever needs them:
    // Nest's DI in the API, the worker's and the mailer's composition roots.
    files: ['**/*.ts'],
    ignores: ['apps/database/repositories/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name=/Repository$/]',
          message:
            'Repositories are constructed only by createRepositories() (apps/database/repositories): inject them.',
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.state/**',
      'coverage/**',
      'plans/**',
      'web/dist/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // The web UI runs in the browser.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...LAYERS,
  {
    files: SANDBOX_FILES,
    ignores: SANDBOX_IGNORES,
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.|@temporalio/workflow$|@temporalio/common(/.*)?$|zod$)',
              message:
                'Workflow code runs in the deterministic sandbox: import only @temporalio/workflow, @temporalio/common, zod or relative sandbox-safe modules.',
              allowTypeImports: true,
            },
            {
              regex: '(^|/)apps/',
              message:
                'Workflow code imports nothing of apps/: activity interfaces are in workflows/activities.ts.',
            },
            {
              regex: '(^|/)worker/activities(/|$)',
              message:
                'Workflow code may import activity types only (import type …); call activities through proxyActivities.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'require',
          'Buffer',
          'fetch',
          '__dirname',
          '__filename',
          'setImmediate',
          'queueMicrotask',
        ].map((name) => ({
          name,
          message: `${name} is not available or not deterministic in workflow code.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use uuid4() from @temporalio/workflow or pass randomness in.',
        },
      ],
    },
  },
);
