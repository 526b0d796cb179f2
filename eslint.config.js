import neostandard, { plugins } from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'data/**', 'node_modules/**', '.tap/**', 'openapi/**', 'drizzle/**', '.tmp-*/**', 'clients/typescript/src/openapi.ts', 'clients/typescript/dist/**'] }),
  {
    // A dropped promise in the scheduler loop or a hook is a silent bug: make it a lint error (type-aware).
    files: ['src/**/*.ts', 'clients/typescript/src/**/*.ts'],
    plugins: { '@typescript-eslint': plugins['typescript-eslint'].plugin },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' }
  }
]
