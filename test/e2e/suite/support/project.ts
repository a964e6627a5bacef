/** The fixture project of test/e2e/workspace/project: its own ESLint config leaves a marker when loaded. */
import { existsSync } from 'node:fs';
import { workspaceUri } from './workspace.js';

export const projectFile = 'project/download.js';

export function projectConfigWasLoaded(): boolean {
  return existsSync(workspaceUri('project/config-was-loaded').fsPath);
}
