import tseslint from 'typescript-eslint';

/** The rules that flag every use of an `any` value; see below where they are off, and why. */
const NO_UNSAFE_ANY = Object.fromEntries(
  ['assignment', 'member-access', 'call', 'argument', 'return'].map((r) => [
    `@typescript-eslint/no-unsafe-${r}`,
    'off',
  ]),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*_workdir/**', 'dist.tmp-*/**', 'dist.old-*/**'] },
  // Type-aware: the rules see the types (floating promises, unsafe any, awaiting non-promises).
  // The JavaScript of scripts/ and bench/ is in the TypeScript project through allowJs.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Plain JavaScript (the build and the benchmark) has no types: every value is `any`, so the
    // no-unsafe-* rules would flag every line. The other type-aware rules (floating and misused
    // promises, awaiting non-promises) still apply.
    files: ['**/*.js', '**/*.mjs'],
    rules: NO_UNSAFE_ANY,
  },
  {
    // Tests read parsed JSON and YAML (reports, status --json, workflow files) to check them:
    // typing every fixture would add casts, not safety.
    files: ['tests/**/*.ts'],
    rules: NO_UNSAFE_ANY,
  },
);
