// Shared helpers for the real-browser scripts run by dev.offsync.server.testing.Browser.
'use strict';
const { chromium } = require('playwright-core');

/** Launches headless Debian chromium (path from OFFSYNC_CHROMIUM, set by Browser.java). */
async function launch() {
  return chromium.launch({
    executablePath: process.env.OFFSYNC_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Prints the result as one JSON line (the last stdout line is what Browser.java parses). */
function report(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

module.exports = { launch, report };
