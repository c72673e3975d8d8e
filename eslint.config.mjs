// @ts-check
// Lint, type-aware, with the layering the README describes: src/gate pure; src/app reaches the platform only through
// ports; src/forge implements ports and knows no use case; src/entry alone wires adapters in; static/ takes from src/
// only the contract's types and the zod-free pure modules, so the Custom UI bundles stay small.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The pure modules without zod (or node:crypto) that the Custom UI may import values from. */
const UI_VALUE_MODULES = ['error-codes', 'gate/constants', 'gate/decisions', 'gate/glance', 'gate/integrity-words', 'gate/number-rules', 'gate/policies', 'gate/stages', 'gate/verdict', 'gate/visible-text', 'gate/commitments', 'gate/reminder-defaults', 'gate/number-basis', 'gate/deadline-words', 'gate/v2/waiver-target'];

/**
 * @param {readonly string[]} allowed modules of src/ a resource may import values from
 * @returns {import('eslint').Linter.RuleEntry}
 */
const staticImports = (allowed) => [
  'error',
  {
    patterns: [
      { group: ['**/src/app/*', '**/src/forge/*', '**/src/entry/*', '**/src/ports', '**/src/errors', '**/src/index'], message: 'static/ imports from src/ only the contract and pure modules.' },
      {
        // Not the layers above (whose types are off limits too), nor the modules `allowed`.
        regex: `/src/(?!(app|forge|entry)/|(ports|errors|index)$|(${allowed.join('|')})$)`,
        allowTypeImports: true,
        message: 'static/ imports only types from here (its zod or node code would go into the bundle); values come from the zod-free modules (src/error-codes, src/gate/constants, ...).',
      },
    ],
  },
];

const GATE_PURE = [
  { group: ['@forge/*'], message: 'src/gate is pure: no @forge imports.' },
  { group: ['node:*', 'fs', 'http', 'https', 'net', 'crypto', 'child_process'], message: 'src/gate is pure: no I/O.' },
];
/** @type {import('eslint').Linter.RuleEntry} */
const NO_CLOCK = [
  'error',
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/gate reads no clock: take `now` as a parameter.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/gate reads no clock: take `now` as a parameter.' },
];

export default tseslint.config(
  // emulator/host/assets: the local site's browser scripts, being converted to TypeScript on their own branch.
  { ignores: ['node_modules/', 'dist/', '**/build/', '**/dist/', '.data/', 'coverage/', 'emulator/host/assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // eslint.config.mjs sits outside every tsconfig.json folder: scripts/tsconfig.json checks it.
        projectService: { allowDefaultProject: ['eslint.config.mjs'], defaultProject: 'scripts/tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/gate/**/*.ts'],
    ignores: ['src/gate/**/*.test.ts', 'src/gate/digest.ts', 'src/gate/v2/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...GATE_PURE, { regex: '^\\.\\./', message: 'src/gate imports nothing outside itself.' }] }],
      'no-restricted-syntax': NO_CLOCK,
    },
  },
  {
    // The v2 model (src/gate/v2) builds on v1's digests and reads v1 records: it may import from src/gate, no further.
    files: ['src/gate/v2/**/*.ts'],
    ignores: ['src/gate/v2/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...GATE_PURE, { regex: '^\\.\\./\\.\\./', message: 'src/gate imports nothing outside itself.' }] }],
      'no-restricted-syntax': NO_CLOCK,
    },
  },
  {
    // SHA-256 from node:crypto is a pure computation (no I/O, no clock), so the digests may use it.
    files: ['src/gate/digest.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'src/gate is pure: no @forge imports.' },
        { group: ['node:*', '!node:crypto', 'fs', 'http', 'https', 'net', 'child_process'], message: 'src/gate is pure: no I/O.' },
        { regex: '^\\.\\./', message: 'src/gate imports nothing outside itself.' },
      ] }],
      'no-restricted-syntax': NO_CLOCK,
    },
  },
  {
    // The rules' tests may use the test doubles of test/support (the issue fixture).
    files: ['src/gate/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...GATE_PURE, { regex: '^\\.\\./(?!\\.\\./test/support/)', message: 'src/gate imports nothing outside itself (its tests may use test/support).' }] }],
    },
  },
  {
    files: ['src/gate/v2/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...GATE_PURE, { regex: '^\\.\\./\\.\\./(?!\\.\\./test/support/)', message: 'src/gate imports nothing outside itself (its tests may use test/support).' }] }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'src/app reaches the platform only through the ports (src/ports.ts).' },
        { regex: '^\\.\\./(forge|entry)/', message: 'src/app depends on ports, never on an adapter or an entry point.' },
      ] }],
    },
  },
  {
    files: ['src/forge/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./(app|entry)/', message: 'src/forge implements ports (src/ports.ts) and knows no use case or entry point.' },
      ] }],
    },
  },
  {
    files: ['src/contract.ts', 'src/ports.ts', 'src/errors.ts', 'src/error-codes.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'The contract, ports and errors know no platform.' },
        { regex: '^\\./(app|forge|entry)/', message: 'The contract, ports and errors depend on no use case, adapter or entry point.' },
      ] }],
    },
  },
  {
    files: ['static/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      '@typescript-eslint/no-restricted-imports': staticImports(UI_VALUE_MODULES),
    },
  },
  {
    // Settings validates drafts with the configuration's own schema before saving.
    files: ['static/settings/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': staticImports([...UI_VALUE_MODULES, 'gate/config', 'gate/v2/config']) },
  },
);
