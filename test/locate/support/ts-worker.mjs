// Runs a TypeScript worker entry where only sources exist (under jest): each .ts module is compiled as it is required.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import ts from 'typescript';

Module._extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
    },
  });
  module._compile(outputText, filename);
};

createRequire(import.meta.url)(workerData.entry);
