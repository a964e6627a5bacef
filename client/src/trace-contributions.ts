/**
 * How "Run with Stream Trace" shows up in tasks.json and launch.json: the task type, the launch
 * attribute and their manifest contributions (`npm run manifest` writes them into package.json).
 */
export const traceTaskType = 'node-streams-trace';
/** A `node` launch configuration with this attribute set to true runs with the tracer. */
export const traceLaunchAttribute = 'nodeStreamsTrace';

export const traceTaskDefinition = {
  type: traceTaskType,
  properties: {
    script: { type: 'string', description: 'The npm script to run with the stream tracer (`npm run <script>`).' },
    file: { type: 'string', description: 'The file to run with the stream tracer (`node <file>`), relative to the workspace folder.' },
  },
};

export const traceDebuggerContribution = {
  type: 'node',
  configurationAttributes: {
    launch: {
      properties: {
        [traceLaunchAttribute]: {
          type: 'boolean',
          default: true,
          markdownDescription:
            'Run with the Node Streams stream tracer: its findings appear at the lines that created the streams when the session ends. Without the extension, `"runtimeArgs": ["--import", "node-streams-trace"]` does the same with the `node-streams-trace` package installed.',
        },
      },
    },
  },
  configurationSnippets: [
    {
      label: 'Node Streams: Run with Stream Trace',
      description: 'Runs the current file with the stream tracer and shows its findings in the editor.',
      body: { type: 'node', request: 'launch', name: 'Run with Stream Trace', program: '^"\\${file}"', [traceLaunchAttribute]: true },
    },
  ],
};
