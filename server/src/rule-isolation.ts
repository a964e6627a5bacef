/**
 * A rule that throws must not take the other rules down with it: the file is linted again without
 * that rule, and the failure is reported once per rule and file.
 */
export interface RuleFailure {
  ruleId: string;
  error: Error;
}

/** The rule whose listener threw, as ESLint tags the error it rethrows. */
export function failingRuleOf(error: unknown): string | null {
  const ruleId = (error as { ruleId?: unknown } | null)?.ruleId;
  return typeof ruleId === 'string' ? ruleId : null;
}

/**
 * Runs `lint` with no rule turned off, then again without each rule that threw, until a run
 * succeeds. Errors that are not a rule's (a crashing parser) are rethrown.
 */
export async function lintIsolatingRules<T>(
  lint: (rulesOff: readonly string[]) => T | Promise<T>,
): Promise<{ result: T; failures: RuleFailure[] }> {
  const failures: RuleFailure[] = [];
  for (;;) {
    try {
      const result = await lint(failures.map((failure) => failure.ruleId));
      return { result, failures };
    } catch (error) {
      const ruleId = failingRuleOf(error);
      if (!ruleId || failures.some((failure) => failure.ruleId === ruleId)) throw error;
      failures.push({ ruleId, error: error as Error });
    }
  }
}
