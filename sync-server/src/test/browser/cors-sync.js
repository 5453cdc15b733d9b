// Real-browser CORS test, run by BrowserCorsTest: node cors-sync.js <mode> <pageUrl> <serverUrl> <poolId>
//   mode "sync":    page 1 gets credentials, puts a record, synchronizes; page 2 (a fresh browser context: empty
//                   localStorage) resumes the identity, synchronizes and reads the record.
//   mode "blocked": the page's origin is not allowed; getting credentials must fail.
// Prints one JSON line with what happened (errors included); exit code 0 unless the harness itself broke.
'use strict';
const { launch, report } = require('./browser');

const [mode, pageUrl, server, pool] = process.argv.slice(2);

function describe(e) {
  return { name: String(e && (e.code || e.name) || 'Error'), message: String(e && e.message || e) };
}

async function openPage(browser, result, label) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => result.console.push(label + ' ' + m.type() + ': ' + m.text()));
  page.on('requestfailed', (r) => result.failedRequests.push(label + ' ' + r.method() + ' ' + r.url() + ' '
      + (r.failure() && r.failure().errorText)));
  page.on('request', (r) => result.requests.push(label + ' ' + r.method() + ' ' + new URL(r.url()).pathname));
  await page.goto(pageUrl);
  result.pageOrigin = await page.evaluate(() => window.location.origin);
  return { context, page };
}

async function main() {
  const result = { mode, console: [], failedRequests: [], requests: [] };
  const browser = await launch();
  try {
    result.browserVersion = browser.version();
    if (mode === 'sync') {
      const value = 'edited in the browser ' + Date.now();
      const one = await openPage(browser, result, 'page1');
      result.first = await one.page.evaluate(async (cfg) => {
        const identityId = await offsyncConnect(cfg);
        const ds = await offsyncOpen('notes');
        await offsyncPut(ds, 'greeting', cfg.value);
        const pulled = await offsyncSynchronize(ds);
        return { identityId, pulled, localValue: await offsyncGet(ds, 'greeting') };
      }, { server, pool, value }).catch((e) => ({ error: describe(e) }));
      await one.context.close();
      result.value = value;
      if (result.first.identityId) {
        const two = await openPage(browser, result, 'page2');
        result.second = await two.page.evaluate(async (cfg) => {
          const before = localStorage.length;
          const identityId = await offsyncConnect(cfg);
          const ds = await offsyncOpen('notes');
          const valueBefore = await offsyncGet(ds, 'greeting');
          const pulled = await offsyncSynchronize(ds);
          return { identityId, localStorageItemsAtStart: before, valueBefore, pulled,
            value: await offsyncGet(ds, 'greeting') };
        }, { server, pool, identityId: result.first.identityId }).catch((e) => ({ error: describe(e) }));
        await two.context.close();
      }
    } else if (mode === 'blocked') {
      const one = await openPage(browser, result, 'page1');
      result.first = await one.page.evaluate(async (cfg) => {
        try {
          const identityId = await offsyncConnect(cfg);
          return { identityId };
        } catch (e) {
          // the SDK's error code (NetworkingError when the browser blocks the call), kept inside the page
          return { error: { name: String(e.code || e.name), message: String(e.message) } };
        }
      }, { server, pool }).catch((e) => ({ error: describe(e) }));
      await one.context.close();
    } else {
      throw new Error('unknown mode ' + mode);
    }
  } finally {
    await browser.close();
  }
  report(result);
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
