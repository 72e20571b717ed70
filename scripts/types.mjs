// The library's type declarations (dist/types/), so `import { farm } from 'taskfarmer'` type-checks
// in a strict TypeScript project. tsc's own emitter: no second tool that could drift from it.
import ts from 'typescript';

export function emitTypes(outDir) {
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    types: ['node'],
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: 'src',
    outDir,
    newLine: ts.NewLineKind.LineFeed,
  };
  const program = ts.createProgram(['src/index.ts'], options);
  const result = program.emit();
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (errors.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
    throw new Error(ts.formatDiagnostics(errors, host));
  }
}
