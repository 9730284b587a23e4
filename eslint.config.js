import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronPkg = { name: 'electron', message: 'Only electron/app, electron/main.ts, electron/preload.ts and electron/ipc/register-ipc.ts may import electron.' };
const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not available here.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPkg], patterns: [nodeBuiltins, { group: ['react', 'react-dom'], message: 'shared/ is framework-free.' }] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPkg], patterns: [nodeBuiltins] }] },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts'],
    ignores: ['electron/app/**', 'electron/main.ts', 'electron/preload.ts', 'electron/ipc/register-ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPkg] }] },
  },
  {
    // Raw IPC only where the contract is wired: the registration, the preload, and main (which hands ipcMain over).
    files: ['electron/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the contract: only electron/ipc/register-ipc.ts and electron/preload.ts touch IPC.' }] }] },
  },
);
