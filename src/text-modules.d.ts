// Files the build bundles as text (scripts/build.mjs `loader`, vitest.config.ts `text-files`).
declare module '*.pl' {
  const text: string;
  export default text;
}
