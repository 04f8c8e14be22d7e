/**
 * Service-backed suites that skip themselves when their service is not configured record it here (a file under
 * .tmp, since each jest test file runs in its own module registry); the summary reporter prints the list.
 */
const fs = require('fs');
const path = require('path');

/** One file per jest run: global-setup sets TEST_RUN_ID, which the reporter and every test process see. */
const file = () => path.resolve(__dirname, '..', '..', '.tmp', `skipped-suites-${process.env.TEST_RUN_ID ?? 'local'}.txt`);

function recordSkippedSuite(description) {
  fs.mkdirSync(path.dirname(file()), { recursive: true });
  fs.appendFileSync(file(), `${description}\n`);
}

function skippedServiceSuites() {
  if (!fs.existsSync(file())) return [];
  const lines = [...new Set(fs.readFileSync(file(), 'utf8').split('\n').filter(Boolean))];
  fs.rmSync(file(), { force: true });
  return lines;
}

module.exports = { recordSkippedSuite, skippedServiceSuites };
