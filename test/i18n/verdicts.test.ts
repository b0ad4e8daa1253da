import { classify } from '../../src/classify/classify';
import { evidenceFromBundle, isNarrativeOnly } from '../../src/evidence/bundle';
import { CATALOGS, LOCALES } from '../../src/render/messages';
import { localizer } from '../../src/render/localize';
import { verdictJson } from '../../src/render/json';
import { renderVerdictText } from '../../src/render/terminal';
import { wordVerdict } from '../../src/render/worded';
import {
  diagnosisJson,
  renderApiScanText,
  renderDiagnosisText,
  apiScanJson,
} from '../../src/render/diagnosis';
import { runSandbox, type SandboxRun } from '../../src/sandbox/run';
import { isMessage, type Message } from '../../src/text';
import type { Verdict } from '../../src/classify/types';
import { loadCorpus } from '../support/corpus';

/**
 * What the rules, the policy evaluator and the pipeline really say, in every language: every message they produce
 * exists in every catalog and formats, and the words a person reads about a verdict are translated.
 */

const CJK = /[\u4e00-\u9fff]/u;

/** A message id: dotted lower-case words (AWS objects with an `id` field, such as a REST API, are not messages). */
const MESSAGE_ID = /^[a-z][a-z0-9-]*(?:\.[a-zA-Z0-9-]+)+$/;

/** Every message in a value, nested parameters included. */
function messagesIn(value: unknown, found: Message[] = []): Message[] {
  if (isMessage(value) && MESSAGE_ID.test(value.id)) {
    found.push(value);
    for (const param of Object.values(value.params ?? {})) messagesIn(param, found);
  } else if (Array.isArray(value)) {
    for (const item of value) messagesIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) messagesIn(item, found);
  }
  return found;
}

const verdicts: Array<[string, Verdict]> = loadCorpus()
  .filter((c) => !isNarrativeOnly(c))
  .map((c) => [c.id, classify(evidenceFromBundle(c))]);

describe('verdicts of the corpus in every language', () => {
  it('covers most causes', () => {
    expect(new Set(verdicts.map(([, v]) => v.cause)).size).toBeGreaterThanOrEqual(10);
  });

  it('uses only message ids every catalog has', () => {
    const ids = new Set(verdicts.flatMap(([, verdict]) => messagesIn(verdict).map((m) => m.id)));
    expect(ids.size).toBeGreaterThan(100);
    for (const locale of LOCALES)
      expect([...ids].filter((id) => CATALOGS[locale][id] === undefined)).toEqual([]);
  });

  describe.each(LOCALES)('%s', (locale) => {
    const l = localizer(locale);

    it.each(verdicts)('%s renders as text and JSON', (_id, verdict) => {
      expect(() => renderVerdictText(verdict, { color: false }, l)).not.toThrow();
      const json = verdictJson(verdict, l);
      expect(JSON.stringify(json)).not.toMatch(/"id":"[a-z-]+\.[a-z.-]+"/);
      expect(json).toMatchObject({ cause: verdict.cause, confidence: verdict.confidence });
    });
  });

  it.each(verdicts)('%s: title, summary, explanation and fix steps are in Chinese', (_id, verdict) => {
    const w = wordVerdict(verdict, localizer('zh-TW'));
    const words = [w.title, w.summary, w.explanation, ...w.checklist.map((step) => step.text), ...w.settle];
    expect(words.filter((text) => !CJK.test(text))).toEqual([]);
  });
});

describe('the sandbox run in every language', () => {
  let run: SandboxRun;
  beforeAll(async () => {
    run = await runSandbox();
  }, 30_000);

  it('uses only message ids every catalog has', () => {
    const ids = new Set(messagesIn(run).map((m) => m.id));
    for (const locale of LOCALES)
      expect([...ids].filter((id) => CATALOGS[locale][id] === undefined)).toEqual([]);
  });

  it.each(LOCALES)('renders every diagnosis and the scan in %s', (locale) => {
    const l = localizer(locale);
    for (const { diagnosis } of run.diagnoses) {
      expect(renderDiagnosisText(diagnosis, { color: false }, l)).toContain(diagnosis.verdict.cause);
      expect(JSON.stringify(diagnosisJson(diagnosis, l))).not.toMatch(/"params":/);
    }
    expect(renderApiScanText(run.scan, l)).toContain(run.scan.restApiId);
    expect(JSON.stringify(apiScanJson(run.scan, l))).not.toMatch(/"params":/);
  });
});
