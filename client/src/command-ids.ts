/**
 * The extension's commands: ids (stable: keybindings, walkthrough links and tests use them) and
 * titles. `contributes.commands` in package.json is generated from this list (`npm run manifest`).
 */
export const commandCategory = 'Node Streams';

export interface CommandDescription {
  id: string;
  title: string;
  /** Shown in the command palette; the walkthrough's own commands are not. */
  palette: boolean;
  description: string;
}

export const commandList = [
  { id: 'nodeStreams.insertSnippet', title: 'Insert Snippet…', palette: true, description: 'Pick a snippet by level, topic or name and insert it at the cursor, written for the file (JS or TS, import or require).' },
  { id: 'nodeStreams.fixAll', title: 'Fix All Stream Problems', palette: true, description: 'Apply every safe fix of the file (the fixes `--fix` applies); suggestions stay in the quick-fix menu.' },
  { id: 'nodeStreams.showRuleDocumentation', title: 'Show Rule Documentation', palette: true, description: 'Open the documentation of the rule under the cursor, or pick a rule.' },
  { id: 'nodeStreams.restartServer', title: 'Restart Server', palette: true, description: 'Stop and start the language server.' },
  { id: 'nodeStreams.showOutput', title: 'Show Output', palette: true, description: "Show the language server's log." },
  { id: 'nodeStreams.runWithStreamTrace', title: 'Run with Stream Trace', palette: true, description: 'Run the active file or an npm script with the stream tracer (trusted workspaces only), then show its findings at the lines that created the streams, code lenses with each stream\'s flow, and the pipeline graph.' },
  { id: 'nodeStreams.clearStreamTrace', title: 'Clear Stream Trace', palette: true, description: 'Remove the diagnostics, code lenses and graph of the last traced run.' },
  { id: 'nodeStreams.showStreamTraceGraph', title: 'Show Stream Trace Graph', palette: true, description: 'Open the pipeline graph of the last traced run again.' },
  { id: 'nodeStreams.openExample', title: 'Open Walkthrough Example', palette: false, description: "Open a level's example with a real bug, as a new untitled file (argument: the level)." },
  { id: 'nodeStreams.showSnippet', title: 'Show Snippet', palette: false, description: 'Open a new untitled file with one snippet written in it (argument: the snippet name).' },
] as const satisfies readonly CommandDescription[];

type CommandKey =
  | 'insertSnippet'
  | 'fixAll'
  | 'showRuleDocumentation'
  | 'restartServer'
  | 'showOutput'
  | 'runWithStreamTrace'
  | 'clearStreamTrace'
  | 'showStreamTraceGraph'
  | 'openExample'
  | 'showSnippet';

/** Command ids by short name: `commandIds.fixAll` is `nodeStreams.fixAll`. */
export const commandIds = Object.fromEntries(commandList.map(({ id }) => [id.replace('nodeStreams.', ''), id])) as Record<CommandKey, string>;
