/** Where the project lives on the web: the one home of every link to it (rule pages, the rule list, issues). */

export const repositoryUrl = 'https://github.com/node-streams/node-streams';

/** The README's list of every rule. */
export const ruleListUrl = `${repositoryUrl}#rules`;

/** A rule's docs page, by its name without the plugin prefix (`no-unhandled-error`). */
export function ruleDocsUrl(name: string): string {
  return `${repositoryUrl}/blob/main/rules/docs/${name}.md`;
}
