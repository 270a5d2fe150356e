// Lint rules, including the layering table of ../shared/ARCHITECTURE.md: which folder may import
// which. Imports point down only; core/common is pure; the renderer reaches the engine only
// through core/api.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'zlib',
  'stream',
  'stream/*',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'events',
  'readline',
  'buffer',
];

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'scratch/**',
      '.bench/**',
      'sample-data/small/**',
      // No Svelte parser for ESLint here: the Svelte compiler checks these files in vite build,
      // and tests/layering.test.ts checks their imports.
      'renderer/**/*.svelte',
      'test-results/**',
      'release/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  layer(
    ['core/common/**/*.ts'],
    [
      ...nodeBuiltins,
      'better-sqlite3',
      'electron',
      '**/core/node/**',
      '**/node/**',
      '**/cli/**',
      '**/electron/**',
      '**/renderer/**',
      '**/models/**',
    ],
    'core/common is pure TypeScript: no Node, no DOM, no higher layer (see ARCHITECTURE.md).',
  ),
  layer(
    ['core/api/**/*.ts'],
    [
      ...nodeBuiltins,
      'better-sqlite3',
      'electron',
      '**/core/node/**',
      '**/cli/**',
      '**/electron/**',
      '**/renderer/**',
    ],
    'core/api is the contract only: it may use core/common and zod, nothing Node.',
  ),
  layer(
    ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    [
      ...nodeBuiltins,
      'better-sqlite3',
      'electron',
      '**/core/node/**',
      '**/electron/**',
      '**/cli/**',
      '**/models/**',
    ],
    'renderer/ talks to the engine only through core/api (see ARCHITECTURE.md).',
  ),
  layer(
    ['core/node/**/*.ts'],
    ['**/cli/**', '**/electron/**', '**/renderer/**', '**/models/**'],
    'core/node sits below models/, cli/ and the app: imports point down only.',
  ),
  layer(
    ['models/**/*.ts'],
    ['**/cli/**', '**/electron/**', '**/renderer/**'],
    'models/ is built on core only.',
  ),
);
