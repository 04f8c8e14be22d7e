/**
 * Prints the closing line CI reads ("N passed, N failed, N skipped") and, visibly, the service-backed suites
 * that were left out because their service is not configured on this machine.
 */
const { skippedServiceSuites } = require('./services-registry');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const left = skippedServiceSuites();
    if (left.length) {
      process.stdout.write('\n未运行的依赖外部服务的测试 / service-backed suites left out:\n');
      for (const item of left) process.stdout.write(`  - ${item}\n`);
    }
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stdout.write(`\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}

module.exports = SummaryReporter;
