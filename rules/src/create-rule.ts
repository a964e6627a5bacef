import { ESLintUtils } from '@typescript-eslint/utils';
import { ruleDocsUrl } from './repository.js';
import type { Level, Topic } from './skill-tree.js';

export type { Level, Topic };

/** A rule's docs metadata: each rule teaches one topic of the skill tree at one level. */
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

export const createRule = ESLintUtils.RuleCreator<NodeStreamsDocs>(ruleDocsUrl);
