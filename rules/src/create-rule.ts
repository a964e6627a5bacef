import { ESLintUtils } from '@typescript-eslint/utils';
import { rememberLintContext } from './analysis/origins/library-models.js';
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

const createPlainRule = ESLintUtils.RuleCreator<NodeStreamsDocs>(ruleDocsUrl);

/**
 * Every rule hands the analysis the run's shared settings (`settings['node-streams']`) before
 * it starts, since the analysis is asked with the source code alone.
 */
export const createRule: typeof createPlainRule = (rule) =>
  createPlainRule({
    ...rule,
    create(context, options) {
      rememberLintContext(context);
      return rule.create(context, options);
    },
  });
