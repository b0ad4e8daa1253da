import type { ClassifyOptions } from '../commands/classify';
import { useColor, type CliIo } from '../io';
import { readTextInput } from '../input';
import type { Evidence } from '../../evidence/types';
import { evidenceFromInput } from '../../evidence/bundle';
import { classify } from '../../classify/classify';
import { InputError } from '../../errors';
import { mentionsApiGateway } from '../../locate/input-check';
import { renderVerdictText } from '../../render/terminal';
import { toJsonText, verdictJson } from '../../render/json';
import type { Localizer } from '../../render/localize';
import { isMessage, msg } from '../../text';

const HINT = msg('cli.classify.input.hint');

export async function classifyAction(
  file: string | undefined,
  options: ClassifyOptions,
  io: CliIo,
  l: Localizer,
): Promise<void> {
  const { text, source } = await readTextInput(file, io, l, HINT);
  if (YAML_BUNDLE.test(text))
    throw new InputError(
      msg('cli.classify.input.yaml', { source }),
      msg('cli.classify.input.yaml.hint', { source }),
    );
  const evidence = await evidenceOf(text, source);
  if (!recognised(evidence, text))
    throw new InputError(msg('cli.classify.input.unrecognised', { source }), HINT);
  const verdict = classify(evidence);
  io.stdout.write(
    options.json
      ? toJsonText(verdictJson(verdict, l))
      : renderVerdictText(verdict, { color: useColor(io) }, l),
  );
}

/** The evidence in the input; JSON that does not parse is refused saying where and how it breaks. */
async function evidenceOf(text: string, source: string): Promise<Evidence> {
  try {
    return evidenceFromInput(text, source);
  } catch (error) {
    if (!(
      error instanceof InputError &&
      isMessage(error.problem) &&
      error.problem.id === 'cli.evidence.bad-json'
    ))
      throw error;
    const { findJsonFault, jsonRefusal } = await import('../json-fault');
    throw jsonRefusal(source, await findJsonFault([Buffer.from(text)]), msg('input.json.fix.hint'));
  }
}

/** A corpus bundle's keys written as YAML: read as text, only its `status:` line would be seen. */
const YAML_BUNDLE = /^(?:execution_log|response_body|error_type_header|access_log)\s*:/m;

/** Something API Gateway wrote was found: a response, an access-log record, configuration, or a log line. */
function recognised(evidence: Evidence, text: string): boolean {
  return (
    evidence.response !== undefined ||
    evidence.accessLog !== undefined ||
    Object.keys(evidence.config).length > 0 ||
    evidence.trace.lines.some((line) => line.requestId !== undefined || line.testConsole) ||
    mentionsApiGateway(text)
  );
}
