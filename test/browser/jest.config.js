// The browser test (npm run test:browser): the production build of the add-in in Debian's Chromium, with
// Office.js replaced by a stub over the fake workbook (test/browser/officeStub.ts). Kept out of the unit run
// (jest.config.js ignores test/browser) because it builds the add-in and starts a browser.
const base = require("../../jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.browser.test.ts"],
  testTimeout: 240000,
  // The same TypeScript transform as the unit tests.
  transform: base.transform,
};
