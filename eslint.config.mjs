import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '**/build/', '**/dist/', '.data/', 'coverage/', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/gate/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'src/gate is pure: no @forge imports.' },
        { group: ['node:*', 'fs', 'http', 'https', 'net', 'crypto', 'child_process'], message: 'src/gate is pure: no I/O.' },
        { group: ['../*', '!./*'], message: 'src/gate imports nothing outside itself.' },
      ] }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/gate reads no clock: take `now` as a parameter.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/gate reads no clock: take `now` as a parameter.' },
      ],
    },
  },
  {
    // The rules' tests may use the test doubles of test/support (the issue fixture).
    files: ['src/gate/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'src/gate is pure: no @forge imports.' },
        { group: ['node:*', 'fs', 'http', 'https', 'net', 'crypto', 'child_process'], message: 'src/gate is pure: no I/O.' },
        { regex: '^\\.\\./(?!\\.\\./test/support/)', message: 'src/gate imports nothing outside itself (its tests may use test/support).' },
      ] }],
    },
  },
  {
    // SHA-256 from node:crypto is a pure computation (no I/O, no clock), so the digests may use it.
    files: ['src/gate/digest.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'src/gate is pure: no @forge imports.' },
        { group: ['node:*', '!node:crypto', 'fs', 'http', 'https', 'net', 'child_process'], message: 'src/gate is pure: no I/O.' },
        { group: ['../*', '!./*'], message: 'src/gate imports nothing outside itself.' },
      ] }],
    },
  },
);
