import type { ESLint } from 'eslint';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../version.js';

export const formatNames = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof formatNames)[number];

type RulesMeta = ReturnType<ESLint['getRulesMetaForResults']>;

export async function formatResults(
  eslint: ESLint,
  results: ESLint.LintResult[],
  name: FormatName,
  cwd: string,
): Promise<string> {
  const rulesMeta = eslint.getRulesMetaForResults(results);
  switch (name) {
    case 'sarif':
      return `${JSON.stringify(sarifLog(results, rulesMeta, cwd), null, 2)}\n`;
    case 'github':
      return githubAnnotations(results, cwd);
    case 'json':
    case 'stylish': {
      const formatter = await eslint.loadFormatter(name);
      const text = await formatter.format(results, { cwd, rulesMeta } as ESLint.LintResultData);
      return name === 'stylish' ? text + docsLinks(results, rulesMeta) : text;
    }
  }
}

/** The docs page of each rule that reported, once, under the problems. */
function docsLinks(results: ESLint.LintResult[], rulesMeta: RulesMeta): string {
  const links = new Map<string, string>();
  for (const message of results.flatMap((result) => result.messages)) {
    const url = message.ruleId ? rulesMeta[message.ruleId]?.docs?.url : undefined;
    if (message.ruleId && url) links.set(message.ruleId, url);
  }
  if (links.size === 0) return '';
  const width = Math.max(...[...links.keys()].map((ruleId) => ruleId.length));
  const lines = [...links].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, url]) => `  ${ruleId.padEnd(width)}  ${url}`);
  return `\nRule documentation:\n${lines.join('\n')}\n`;
}

function relativeUri(filePath: string, cwd: string): string {
  return relative(cwd, filePath).split(sep).map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it. */
function sarifLog(results: ESLint.LintResult[], rulesMeta: RulesMeta, cwd: string): unknown {
  const ruleIds = [...new Set(results.flatMap((result) => result.messages.flatMap((message) => message.ruleId ?? [])))].sort();
  const ruleIndex = new Map(ruleIds.map((ruleId, index) => [ruleId, index]));
  const withProblems = results.filter((result) => result.messages.length > 0);
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'node-streams-lint',
            version,
            informationUri: 'https://github.com/node-streams/node-streams',
            rules: ruleIds.map((ruleId) => {
              const docs = rulesMeta[ruleId]?.docs;
              return {
                id: ruleId,
                ...(docs?.description ? { shortDescription: { text: docs.description } } : {}),
                ...(docs?.url ? { helpUri: docs.url } : {}),
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href}/` } },
        artifacts: withProblems.map((result) => ({
          location: { uri: relativeUri(result.filePath, cwd), uriBaseId: '%SRCROOT%' },
        })),
        results: withProblems.flatMap((result, artifactIndex) =>
          result.messages.map((message) => ({
            ...(message.ruleId ? { ruleId: message.ruleId, ruleIndex: ruleIndex.get(message.ruleId) } : {}),
            level: message.severity === 2 ? 'error' : 'warning',
            message: { text: message.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(result.filePath, cwd), uriBaseId: '%SRCROOT%', index: artifactIndex },
                  region: {
                    startLine: message.line,
                    startColumn: message.column,
                    ...(message.endLine ? { endLine: message.endLine, endColumn: message.endColumn } : {}),
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request. */
function githubAnnotations(results: ESLint.LintResult[], cwd: string): string {
  const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const properties = [
          `file=${escapeProperty(relative(cwd, result.filePath).split(sep).join('/'))}`,
          `line=${message.line}`,
          `col=${message.column}`,
          ...(message.endLine ? [`endLine=${message.endLine}`, `endColumn=${message.endColumn}`] : []),
          `title=${escapeProperty(message.ruleId ?? 'parse error')}`,
        ];
        return `::${message.severity === 2 ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(message.message)}\n`;
      }),
    )
    .join('');
}
