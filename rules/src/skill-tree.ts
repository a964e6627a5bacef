/**
 * The skill tree: the levels a user grows through and the topics they learn, in teaching order.
 * Every rule, snippet and walkthrough step names one level and one topic from here; the docs and
 * the editor's settings show them by these display names, in this order.
 */

export const levels = ['novice', 'intermediate', 'advanced', 'expert'] as const;
export type Level = (typeof levels)[number];

export const levelNames: Readonly<Record<Level, string>> = {
  novice: 'Novice',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
};

/** The twelve skills; a topic may be taught at more than one level (transform streams are). */
export const topics = [
  'readable streams',
  'writable streams',
  'piping',
  'transform streams',
  'error handling',
  'flow control',
  'custom streams',
  'combining streams',
  'performance',
  'advanced piping',
  'http integration',
  'profiling and debugging',
] as const;
export type Topic = (typeof topics)[number];

export const topicNames: Readonly<Record<Topic, string>> = {
  'readable streams': 'Readable streams',
  'writable streams': 'Writable streams',
  piping: 'Piping',
  'transform streams': 'Transform streams',
  'error handling': 'Error handling',
  'flow control': 'Flow control',
  'custom streams': 'Custom streams',
  'combining streams': 'Combining streams',
  performance: 'Performance',
  'advanced piping': 'Advanced piping',
  'http integration': 'HTTP integration',
  'profiling and debugging': 'Profiling and debugging',
};

export function isLevel(value: unknown): value is Level {
  return (levels as readonly unknown[]).includes(value);
}

export function isTopic(value: unknown): value is Topic {
  return (topics as readonly unknown[]).includes(value);
}
