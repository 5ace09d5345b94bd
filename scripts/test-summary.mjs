// Adds up vitest's JSON reports and prints the one closing line CI reads:
// "tests: N passed, N failed, N skipped". Exits 1 when a report is missing or a test failed.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`missing report: ${file}`);
    missing++;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const suiteFailures = (r.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  console.log(`${file.split('/').pop()}: ${r.numPassedTests} passed, ${r.numFailedTests + suiteFailures} failed`);
  passed += r.numPassedTests;
  failed += r.numFailedTests + suiteFailures;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0);
