'use strict';

// The server is TypeScript compiled by the application's own tsc into dist/ (see tsconfig.json).
module.exports = require('../../../dist/src/plugins/history/server/src').default;
