// What a person sees: the extension installed from its .vsix (no test driver), the workbench in
// Chromium, driven by keyboard and mouse. Each step is a check; screenshots go to the results folder.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installExtension, startCodeServer } from './code-server.mjs';
import { prepareWorkspace, repositoryRoot } from './run-pass.mjs';
import { openBrowser, workbenchNavigation, workbenchUrl } from './workbench.mjs';

const isMac = process.platform === 'darwin';
const primary = isMac ? 'Meta' : 'Control';

/** Packages the extension as users get it (`vsce package`, from what `npm run build` made). */
function packageExtension(directory) {
  const vsix = join(directory, 'node-streams.vsix');
  execFileSync(join(repositoryRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return vsix;
}

export async function runUiPass({ install, resultsDirectory }) {
  await rm(resultsDirectory, { recursive: true, force: true });
  await mkdir(resultsDirectory, { recursive: true });
  const stateDirectory = await mkdtemp(join(tmpdir(), 'node-streams-e2e-ui-'));
  const tests = [];
  const problems = [];
  let server;
  let browser;
  try {
    installExtension({ install, stateDirectory, vsix: packageExtension(stateDirectory) });
    const workspace = await prepareWorkspace(stateDirectory);
    server = await startCodeServer({ install, stateDirectory, logFile: join(resultsDirectory, 'code-server.log'), testDriver: false });
    browser = await openBrowser(join(stateDirectory, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    const steps = uiSteps(page, resultsDirectory);
    await page.goto(workbenchUrl(server, workspace), workbenchNavigation);
    for (const [title, step] of steps) {
      const started = Date.now();
      try {
        await step();
        tests.push({ title: `ui: ${title}`, state: 'passed', durationMs: Date.now() - started });
      } catch (error) {
        tests.push({ title: `ui: ${title}`, state: 'failed', durationMs: Date.now() - started, error: error.stack ?? String(error) });
        await page.screenshot({ path: join(resultsDirectory, 'failure.png') }).catch(() => {});
        break;
      }
    }
  } catch (error) {
    problems.push(error.stack ?? String(error));
  } finally {
    await browser?.close();
    await server?.stop();
  }
  const passed = tests.filter((test) => test.state === 'passed').length;
  const failed = tests.length - passed;
  if (failed > 0 || problems.length > 0) problems.push(`editor state kept in ${stateDirectory}; screenshots and logs in ${resultsDirectory}`);
  else await rm(stateDirectory, { recursive: true, force: true });
  return { ok: failed === 0 && problems.length === 0 && passed > 0, stateDirectory, passed, failed, problems, result: { tests } };
}

/** The steps of a person's first minutes with the extension, in order; each waits on what it needs. */
function uiSteps(page, resultsDirectory) {
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const shot = (name) => page.screenshot({ path: join(resultsDirectory, name) });
  const openFile = async (path) => {
    await page.keyboard.press(`${primary}+P`);
    await page.locator('.quick-input-widget input').fill(path);
    // Enter only once the list shows the file: before, it may still list the recent files.
    const name = path.split('/').pop();
    await page.locator('.quick-input-list .monaco-list-row').first().getByText(name, { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active').getByText(name, { exact: true }).waitFor();
  };
  const runCommand = async (text) => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${text}`);
    await page.locator('.quick-input-list .monaco-list-row').first().getByText(text).waitFor();
    await page.keyboard.press('Enter');
  };
  return [
    [
      'the workbench opens the workspace',
      async () => {
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
      },
    ],
    [
      'a stream with no error handler is underlined',
      async () => {
        await openFile('examples/download.js');
        await editor.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
        // Hovering the stream shows our problem: the rule, and what goes wrong.
        await editor.locator('.view-lines').getByText('createWriteStream', { exact: true }).hover();
        const hover = page.locator('.monaco-hover').filter({ hasText: 'node-streams/no-unhandled-error' });
        await hover.getByText("no 'error' listener").first().waitFor();
        await shot('1-squiggle.png');
        await page.keyboard.press('Escape');
      },
    ],
    [
      'the quick-fix menu lists our actions',
      async () => {
        await page.keyboard.press(`${primary}+G`);
        await page.keyboard.type('9:14');
        await page.keyboard.press('Enter');
        // The light bulb at the cursor's line, as a person clicks it.
        await editor.locator('.lightBulbWidget').click();
        const menu = page.locator('.action-widget').first();
        await menu.waitFor();
        await menu.getByText('Convert .pipe() chain to pipeline()').waitFor();
        await shot('2-quick-fix-menu.png');
      },
    ],
    [
      'choosing "Convert .pipe() chain to pipeline()" rewrites the code',
      async () => {
        await page.locator('.action-widget').first().getByText('Convert .pipe() chain to pipeline()').click();
        await editor.locator('.view-lines').getByText('pipeline(response, file, (error) => {').waitFor();
        await shot('3-after-convert.png');
      },
    ],
    [
      'the snippet picker lists the snippets by level and inserts the one chosen',
      async () => {
        await openFile('empty.js');
        await runCommand('Node Streams: Insert Snippet');
        const picker = page.locator('.quick-input-widget');
        await picker.getByText('Insert a Node.js streams snippet').waitFor();
        // Grouped by level, novices' first.
        await picker.locator('.quick-input-list').getByText('Novice', { exact: true }).first().waitFor();
        await picker.locator('input').fill('stream-read-file');
        await picker.locator('.quick-input-list .monaco-list-row').first().getByText('stream-read-file').waitFor();
        await shot('4-snippet-picker.png');
        await page.keyboard.press('Enter');
        await editor.locator('.view-lines').getByText("const file = createReadStream(path);").waitFor();
        await shot('5-snippet-inserted.png');
      },
    ],
  ];
}
