/**
 * why403 as a library: `require('why403')`. The command line and the Slack bot are built on these; what is
 * exported here is what other programs may rely on.
 *
 *   const { evidenceFromInput, classify, english, wordVerdict } = require('why403');
 *   const verdict = classify(evidenceFromInput(text, 'request.log'));
 *   verdict.cause; // 'authorizer-explicit-deny', …
 *   english.t(verdict.summary); // the words: verdicts hold message ids, put into a language here
 */

export { CAUSES } from './evidence/types';
export type { CauseId, Evidence } from './evidence/types';
export { evidenceFromBundle, evidenceFromInput, evidenceFromText } from './evidence/bundle';
export type { EvidenceBundle } from './evidence/bundle';
export { classify } from './classify/classify';
export type { Confidence, Verdict } from './classify/types';
export { combineEvaluations, evaluatePolicy, parseMethodArn, parsePolicy } from './classify/policy';
export type {
  CombinedEvaluation,
  Decision,
  MethodArn,
  PolicyDocument,
  PolicyEvaluation,
  RequestContext,
} from './classify/policy';
export { redactText } from './redact';
export { english, localizer, localeOf } from './render/localize';
export type { Localizer } from './render/localize';
export { wordVerdict } from './render/worded';
export type { WordedVerdict } from './render/worded';
export type { Locale } from './render/messages';
export type { Message, Text } from './text';
export { InputError } from './errors';
