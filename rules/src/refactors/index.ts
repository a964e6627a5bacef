/**
 * Editor refactors, as rules of this plugin that no config turns on: the language server runs
 * them on demand with the selection as their option, so they get the same SourceCode, scopes,
 * fixer and fix helpers as the plugin's rules.
 */
import { convertPipeChain } from './convert-pipe-chain.js';
import { instrumentPipeline, removePipelineInstrumentation } from './instrument-pipeline.js';
import type { RefactorRule } from './selection.js';

export const refactorRules: Readonly<Record<string, RefactorRule>> = {
  'convert-pipe-chain': convertPipeChain,
  'instrument-pipeline': instrumentPipeline,
  'remove-instrumentation': removePipelineInstrumentation,
};

export type { RefactorDocs, RefactorRule, Selection } from './selection.js';
