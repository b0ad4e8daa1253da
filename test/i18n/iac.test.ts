import { IAC } from '../../src/classify/fix';
import { DOCTOR_IAC } from '../../src/doctor/commands';
import { localizer } from '../../src/render/localize';
import type { IacSetting } from '../../src/classify/types';

/**
 * Infrastructure-as-code hints keep their setting names verbatim in every language; the words around them are
 * messages. A hint written as a plain string may hold names and punctuation only.
 */
const HINTS: Array<[string, IacSetting]> = Object.entries({ ...IAC, ...DOCTOR_IAC }).flatMap(
  ([group, hints]) => hints.map((hint): [string, IacSetting] => [`${group} ${hint.tool}`, hint]),
);

/** English words that are prose, not part of a setting's name. */
const PROSE =
  /\b(and|or|with|the|by|for|when|unless|check|set|sets|generated|redeploys|resource|method|event)\b/;

describe('IaC hints', () => {
  it.each(HINTS)('%s keeps prose out of verbatim text', (_name, { setting }) => {
    if (typeof setting !== 'string') return;
    const outsideCode = setting.replace(/`[^`]*`/g, '').replace(/"[^"]*"/g, '');
    expect(outsideCode).not.toMatch(PROSE);
  });

  it.each(HINTS)('%s reads in Traditional Chinese with its names intact', (_name, { setting }) => {
    const english = localizer('en').t(setting);
    const chinese = localizer('zh-TW').t(setting);
    const names = english.match(/[A-Za-z_][\w.:<>-]*\.[\w.:<>-]+|[A-Z][a-z]+[A-Z]\w+/g) ?? [];
    for (const name of names) expect(chinese).toContain(name);
    if (typeof setting !== 'string') expect(chinese).not.toMatch(PROSE);
  });
});
