import { ESLintUtils } from '@typescript-eslint/utils';

/** The skill tree: each rule teaches one topic at one level. */
export type Level = 'novice' | 'intermediate' | 'advanced' | 'expert';

export type Topic =
  | 'readable streams'
  | 'writable streams'
  | 'piping'
  | 'transform streams'
  | 'error handling'
  | 'flow control'
  | 'custom streams'
  | 'combining streams'
  | 'performance'
  | 'advanced piping'
  | 'http integration'
  | 'profiling and debugging';

export interface NodeStreamsDocs {
  description: string;
  level: Level;
  topic: Topic;
  /** The smallest config that turns the rule on; `all` has every rule. */
  recommended?: 'recommended' | 'strict';
  /** Options the `strict` and `all` configs give the rule; `recommended` leaves the defaults. */
  strictOptions?: readonly unknown[];
  requiresTypeChecking?: boolean;
}

export const repositoryUrl = 'https://github.com/node-streams/node-streams';

export function ruleDocsUrl(name: string): string {
  return `${repositoryUrl}/blob/main/rules/docs/${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<NodeStreamsDocs>(ruleDocsUrl);
