// Maps the command line @vscode/test-electron gives a VS Code executable onto the code-server runner:
// the folder, --extensionDevelopmentPath, --extensionTestsPath and --disable-workspace-trust. The
// environment (runTests' extensionTestsEnv) reaches the extension host as it would in VS Code.
import { join } from 'node:path';
import { ensureCodeServer } from '../runner/install.mjs';
import { printPass, repositoryRoot, runPass } from '../runner/run-pass.mjs';

function parseArguments(argv) {
  const options = { folder: undefined, trust: false, extensionDevelopmentPath: undefined, extensionTestsPath: undefined };
  for (const arg of argv) {
    const [name, value] = arg.split(/=(.*)/s);
    if (name === '--extensionDevelopmentPath') options.extensionDevelopmentPath = value;
    else if (name === '--extensionTestsPath') options.extensionTestsPath = value;
    else if (name === '--disable-workspace-trust') options.trust = true;
    else if (!arg.startsWith('-')) options.folder = arg;
    // Profile folders and Electron flags mean nothing here: each run gets fresh private state.
  }
  if (!options.extensionDevelopmentPath || !options.extensionTestsPath) {
    throw new Error('usage: code [folder] --extensionDevelopmentPath=… --extensionTestsPath=… [--disable-workspace-trust]');
  }
  return options;
}

const options = parseArguments(process.argv.slice(2));
const pass = process.env.NODE_STREAMS_E2E_PASS ?? 'editor';
const outcome = await runPass({
  pass,
  install: await ensureCodeServer(),
  resultsDirectory: process.env.NODE_STREAMS_E2E_ARTIFACTS ?? join(repositoryRoot, 'test-results', 'e2e', pass),
  trust: options.trust,
  folder: options.folder,
  extensionDevelopmentPath: options.extensionDevelopmentPath,
  extensionTestsPath: options.extensionTestsPath,
  environment: process.env.NODE_STREAMS_E2E_RESULT ? { NODE_STREAMS_E2E_RESULT: process.env.NODE_STREAMS_E2E_RESULT } : {},
});
printPass(pass, outcome);
process.exit(outcome.ok ? 0 : 1);
