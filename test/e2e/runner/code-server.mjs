// Starts code-server (a real VS Code server and extension host) on 127.0.0.1, with every piece of
// state in a private folder.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** User settings that keep the editor quiet and offline: no gallery, updates, tips or AI features. */
const userSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The sticky header can cover the line the UI pass clicks on.
  'editor.stickyScroll.enabled': false,
  'git.enabled': false,
  'github.gitAuthentication': false,
  // An untrusted folder opens in restricted mode without a modal asking to trust it.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

/**
 * @param {object} options
 * @param {{ node: string, entry: string }} options.install from ensureCodeServer()
 * @param {string} options.stateDirectory user data, extensions, config: created fresh by the caller
 * @param {string} options.logFile where the server's output goes
 * @param {boolean} [options.trust] false: workspace trust stays on, so a folder opens untrusted
 * @param {boolean} [options.testDriver] accept the test payload (extensionTestsPath) from the page
 * @param {Record<string, string>} [options.environment] reaches the extension host
 */
export async function startCodeServer({ install, stateDirectory, logFile, trust = true, testDriver = true, environment = {} }) {
  const userDataDirectory = join(stateDirectory, 'user-data');
  await mkdir(join(userDataDirectory, 'User'), { recursive: true });
  await writeFile(join(userDataDirectory, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const args = [
    install.entry,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDirectory,
    '--extensions-dir', extensionsDirectory(stateDirectory),
    '--config', join(stateDirectory, 'config.yaml'),
    '--ignore-last-opened',
  ];
  if (trust) args.push('--disable-workspace-trust');
  if (testDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(install.node, args, {
    env: {
      ...process.env,
      ...environment,
      ...privateEnvironment(stateDirectory),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it also stops the extension host and file watchers.
    detached: true,
  });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const port = await listeningPort(child);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** The URI the workbench uses for a path on the server's machine. */
    remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const closed = new Promise((resolve) => child.once('close', resolve));
        process.kill(-child.pid, 'SIGTERM');
        const forced = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 5000);
        await closed;
        clearTimeout(forced);
      }
      log.end();
    },
  };
}

export function extensionsDirectory(stateDirectory) {
  return join(stateDirectory, 'extensions');
}

/** Installs a .vsix the way a user does, into the extensions folder of this state. */
export function installExtension({ install, stateDirectory, vsix }) {
  const output = execFileSync(
    install.node,
    [install.entry, '--extensions-dir', extensionsDirectory(stateDirectory), '--user-data-dir', join(stateDirectory, 'user-data'), '--config', join(stateDirectory, 'config.yaml'), '--install-extension', vsix],
    { env: { ...process.env, ...privateEnvironment(stateDirectory) }, encoding: 'utf8' },
  );
  if (!/successfully installed/.test(output)) throw new Error(`code-server did not install ${vsix}:\n${output}`);
}

function privateEnvironment(stateDirectory) {
  return {
    // code-server writes its logs under XDG_DATA_HOME; keep them with the rest of this run.
    XDG_DATA_HOME: join(stateDirectory, 'data'),
    XDG_CONFIG_HOME: join(stateDirectory, 'config'),
    // The extension gallery (open-vsx by default) is off this machine's network.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
  };
}

function listeningPort(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('code-server did not start listening within 30 s')), 30_000);
    const fail = (error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message}\n${output}`));
    };
    const onData = (chunk) => {
      output += chunk;
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`code-server exited (${code ?? signal}) before listening`)));
  });
}
