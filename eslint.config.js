// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Code that runs inside the Temporal workflow sandbox must stay deterministic:
// no Node modules, no I/O, no host globals. Activities live in workflows/activities and are exempt.
const SANDBOX_FILES = [
  'workflows/**/*.ts',
  'dsl/ir/**/*.ts',
  'dsl/calendar/workdays.ts',
  'dsl/calendar/local-date.ts',
  'dsl/calendar/serialized.ts',
  'dsl/calendar/local-time.ts',
];
const SANDBOX_IGNORES = ['workflows/activities/**', '**/*.test.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.state/**', 'coverage/**', 'plans/**', 'web/dist/**'] },
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
              regex: '(^|/)activities(/|$)',
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
