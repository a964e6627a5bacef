// Generates the extension's contributions in package.json (commands, settings, walkthrough, trust)
// from their one definition in the sources, and the README's settings and commands tables from
// package.json. With --check it changes nothing and fails when a generated part is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandCategory, commandList } from '../client/src/command-ids.js';
import { traceDebuggerContribution, traceTaskDefinition } from '../client/src/trace-contributions.js';
import { walkthroughId, walkthroughSteps } from '../client/src/walkthrough-steps.js';
import {
  clientSettingDefinitions,
  restrictedSettings,
  serverSettingDefinitions,
  settingsSection,
  type SettingDefinition,
} from '../protocol/src/settings.js';
import { repositoryUrl as repository } from '../rules/src/repository.js';
import { markdownTable, replaceGeneratedSection } from './generated-sections.js';

interface Manifest {
  contributes?: Record<string, unknown>;
  [field: string]: unknown;
}

const languages = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

function settingSchema(setting: SettingDefinition<unknown>): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: setting.type, default: setting.default, markdownDescription: setting.description };
  if (setting.type === 'array' && setting.values) schema.items = { type: 'string', enum: setting.values };
  else if (setting.type === 'object' && setting.values) schema.additionalProperties = { type: 'string', enum: setting.values };
  else if (setting.values) schema.enum = setting.values;
  if (setting.type === 'array') schema.uniqueItems = true;
  return schema;
}

function configuration(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries({ ...serverSettingDefinitions, ...clientSettingDefinitions })) {
    properties[`${settingsSection}.${key}`] = settingSchema(setting);
  }
  return { title: 'Node Streams', properties };
}

function commandLink(command: string, argument: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([argument]))}`;
}

function walkthrough(): Record<string, unknown> {
  return {
    id: walkthroughId.replace(/^nodeStreams\./, ''),
    title: 'Node.js streams, novice to expert',
    description: 'A step per level: a real stream bug, the rule that flags it, the fix, and the snippet that writes it right.',
    steps: walkthroughSteps.map((step) => ({
      id: step.level,
      title: step.title,
      description: [
        step.summary,
        `[Open the example](${commandLink('nodeStreams.openExample', step.level)})`,
        ...(step.config === 'strict' ? [`[Turn on the strict config](command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify([`${settingsSection}.config`]))})`] : []),
        `[Show the snippet ${step.snippet}](${commandLink('nodeStreams.showSnippet', step.snippet)})`,
      ].join('\n'),
      media: { markdown: `client/walkthrough/${step.media}` },
    })),
  };
}

export function generatedManifest(manifest: Manifest): Manifest {
  return {
    ...manifest,
    icon: 'media/icon.png',
    galleryBanner: { color: '#1b2b34', theme: 'dark' },
    repository: { type: 'git', url: repository },
    bugs: { url: `${repository}/issues` },
    homepage: `${repository}#readme`,
    keywords: ['node', 'streams', 'eslint', 'backpressure', 'pipeline', 'lint', 'snippets'],
    activationEvents: [...languages.map((language) => `onLanguage:${language}`), 'workspaceContains:**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    capabilities: {
      untrustedWorkspaces: {
        supported: 'limited',
        description: "In an untrusted workspace only the embedded rules run: the project's ESLint config and plugins are never loaded.",
        restrictedConfigurations: restrictedSettings.map((key) => `${settingsSection}.${key}`),
      },
      virtualWorkspaces: { supported: 'limited', description: 'Only open files are linted; project configs need files on disk.' },
    },
    contributes: {
      ...manifest.contributes,
      commands: commandList.map(({ id, title }) => ({ command: id, title, category: commandCategory })),
      menus: { commandPalette: commandList.filter(({ palette }) => !palette).map(({ id }) => ({ command: id, when: 'false' })) },
      configuration: configuration(),
      taskDefinitions: [traceTaskDefinition],
      debuggers: [traceDebuggerContribution],
      walkthroughs: [walkthrough()],
    },
  };
}

function settingsTable(manifest: Manifest): string {
  const properties = ((manifest.contributes?.configuration as { properties: Record<string, Record<string, unknown>> }).properties);
  return markdownTable(
    ['Setting', 'Default', 'Description'],
    Object.entries(properties).map(([key, schema]) => {
      const values = (schema.enum ?? (schema.items as { enum?: string[] } | undefined)?.enum ?? (schema.additionalProperties as { enum?: string[] } | undefined)?.enum) as string[] | undefined;
      const choices = values ? ` One of: ${values.map((value) => `\`${value}\``).join(', ')}.` : '';
      return [`\`${key}\``, `\`${JSON.stringify(schema.default)}\``, `${String(schema.markdownDescription)}${choices}`];
    }),
  );
}

function commandsTable(manifest: Manifest): string {
  const commands = manifest.contributes?.commands as { command: string; title: string; category: string }[];
  return markdownTable(
    ['Command', 'Id', 'What it does'],
    commands.map(({ command, title, category }) => {
      const described = commandList.find(({ id }) => id === command);
      return [`${category}: ${title}`, `\`${command}\``, `${described?.description ?? ''}${described?.palette === false ? ' (not in the palette)' : ''}`];
    }),
  );
}

export function generatedReadme(readme: string, manifest: Manifest): string {
  const withSettings = replaceGeneratedSection(readme, 'settings', settingsTable(manifest), 'README.md');
  return replaceGeneratedSection(withSettings, 'commands', commandsTable(manifest), 'README.md');
}

/** The files this script writes, as they should be: empty when everything is up to date. */
export function staleFiles(root: URL): { file: URL; text: string }[] {
  const packageFile = new URL('package.json', root);
  const readmeFile = new URL('README.md', root);
  const before = readFileSync(packageFile, 'utf8');
  const manifest = generatedManifest(JSON.parse(before) as Manifest);
  const packageText = `${JSON.stringify(manifest, null, 2)}\n`;
  const readmeBefore = readFileSync(readmeFile, 'utf8');
  const readmeText = generatedReadme(readmeBefore, manifest);
  return [
    ...(packageText === before ? [] : [{ file: packageFile, text: packageText }]),
    ...(readmeText === readmeBefore ? [] : [{ file: readmeFile, text: readmeText }]),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stale = staleFiles(new URL('../', import.meta.url));
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      console.error(`Generated manifest parts are stale; run \`npm run manifest\`:\n  ${stale.map(({ file }) => fileURLToPath(file)).join('\n  ')}`);
      process.exit(1);
    }
  } else {
    for (const { file, text } of stale) writeFileSync(file, text);
  }
}
