// The workbench (VS Code's UI) in Debian's headless Chromium, driven by playwright-core: code-server
// runs no tests until a workbench connects to it.
import { createWriteStream } from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fresh Chromium profile that reaches nothing but this machine. */
export function openBrowser(profileDirectory) {
  return chromium.launchPersistentContext(profileDirectory, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/** The workbench URL for a folder; with a payload, the smoke-test driver runs extension tests. */
export function workbenchUrl(server, folder, payload) {
  const query = new URLSearchParams({ folder });
  if (payload) query.set('payload', JSON.stringify(Object.entries(payload)));
  return `${server.url}/?${query}`;
}

/**
 * Opens the workbench with the test payload and resolves with the exit code the workbench reports
 * when the tests entry returns (or throws). It reports 0 when the extension host dies, too: the
 * caller must check the result file the tests entry writes.
 */
/**
 * The page's own load may take minutes on a loaded machine (the workbench fetches hundreds of
 * files); the steps after it wait for what they need, each with its own timeout.
 */
export const workbenchNavigation = { waitUntil: 'domcontentloaded', timeout: 180_000 };

export async function runExtensionTests({ server, folder, extensionDevelopmentPath, extensionTestsPath, profileDirectory, logFile, screenshotFile, timeoutMs }) {
  const browser = await openBrowser(profileDirectory);
  const log = createWriteStream(logFile);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => log.write(`[${type}] ${formatLog(args)}\n`));
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    page.on('pageerror', (error) => log.write(`[pageerror] ${error.stack ?? error}\n`));
    page.on('crash', () => reportExit(new Error('the workbench page crashed')));
    server.process.once('exit', (code, signal) => reportExit(new Error(`code-server exited (${code ?? signal})`)));
    const payload = {
      extensionDevelopmentPath: server.remoteUri(extensionDevelopmentPath),
      extensionTestsPath: server.remoteUri(extensionTestsPath),
    };
    await page.goto(workbenchUrl(server, folder, payload), workbenchNavigation);
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve(new Error(`no test result within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (screenshotFile) await page.screenshot({ path: screenshotFile }).catch(() => {});
    if (outcome instanceof Error) throw outcome;
    return outcome;
  } finally {
    log.end();
    await browser.close();
  }
}

function formatLog(args) {
  // Console arguments arrive with the browser's %c styling; keep only the text.
  return (Array.isArray(args) ? args : [args])
    .map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)))
    .join(' ')
    .replace(/%c|color: #[0-9a-f]{3,6}/gi, '')
    .trim();
}
