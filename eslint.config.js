// Layered packages: the evaluator knows nothing of the UI; the CLI and the app only use the
// evaluator's public entry point. These rules keep the import direction one way.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiModules = [
  'react',
  'react-dom',
  'react-dom/*',
  '@xyflow/*',
  'zustand',
  'zustand/*',
  'monaco-editor',
  'monaco-editor/*',
  'monaco-yaml',
  '@monaco-editor/*',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.bench/**',
      'test-results/**',
      'playwright-report/**',
      '.reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The CLI's bin is CommonJS, as the prebuilt bundle it loads (packages/cli/bin/policy-playground.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['packages/evaluator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@playground/cli', message: 'The evaluator must not depend on the CLI.' }],
          patterns: [
            { group: uiModules, message: 'The evaluator is pure TypeScript: no UI libraries.' },
            {
              group: ['**/app/**', '**/cli/**'],
              message: 'The evaluator must not import from the app or the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiModules, message: 'The CLI has no UI.' },
            {
              group: ['**/evaluator/src/**', '@playground/evaluator/*'],
              message: 'Use the evaluator public API (@playground/evaluator).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/packages/evaluator/**', '@playground/evaluator/*'],
              message: 'Use the evaluator public API (@playground/evaluator).',
            },
          ],
        },
      ],
    },
  },
  {
    // Layering: the core state knows nothing of features; features depend on it, never the reverse.
    // The composition root (app/src/store.tsx) is the one place that puts slices together.
    files: ['app/src/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '../store', '../store.tsx'],
              message: 'state/ must not import features or the composition root: inject what it needs.',
            },
            {
              group: ['**/packages/evaluator/**', '@playground/evaluator/*'],
              message: 'Use the evaluator public API (@playground/evaluator).',
            },
          ],
        },
      ],
    },
  },
);
