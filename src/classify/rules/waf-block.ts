import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { signals } from '../signals';
import {
  answerOfAnotherCause,
  hasTrace,
  isPlainForbidden,
  responseLine,
  responseTypeRulesOut,
} from './helpers';
import { msg } from '../../text';

/**
 * waf-block: AWS WAF blocked the request before API Gateway's own checks. Decisive: the access log says so
 * ($context.error.responseType WAF_FILTERED, or a blocking $context.waf.status / wafResponseCode). Supporting: a
 * web ACL on the stage and a Forbidden that left no execution log. Contradicting: the method requires an API key
 * (a missing key answers the same Forbidden). Impossible when the stage is known to have no web ACL.
 */

const accessLogSaysWaf: Signal = {
  id: 'access-log-says-waf-blocked',
  holds: (evidence) => {
    const accessLog = evidence.accessLog;
    return (
      signals(evidence).responseType === 'WAF_FILTERED' ||
      /block/i.test(accessLog?.wafStatus ?? '') ||
      /block/i.test(accessLog?.wafResponseCode ?? '')
    );
  },
};

function webAclArn(evidence: Evidence): string | undefined {
  return evidence.config.stage?.webAclArn ?? evidence.accessLog?.webAclArn;
}

function forbiddenUnlogged(evidence: Evidence): boolean {
  return isPlainForbidden(evidence) && !hasTrace(evidence);
}

const webAclAndUnloggedForbidden: Signal = {
  id: 'web-acl-attached-and-forbidden-unlogged',
  holds: (evidence) => Boolean(webAclArn(evidence)) && forbiddenUnlogged(evidence),
};

const apiKeyRequired: Signal = {
  id: 'method-requires-api-key',
  holds: (evidence) => evidence.config.method?.apiKeyRequired === true,
};

export const wafBlock: Rule = {
  cause: 'waf-block',
  step: 'waf',
  decisive: [accessLogSaysWaf],
  supporting: [webAclAndUnloggedForbidden],
  // A WAF custom response is often an HTML page: that is no other cause's answer.
  contradicting: [apiKeyRequired, answerOfAnotherCause(['forbidden', 'cloudfront', 'html'])],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const logged = fired.decisive.length > 0;
  if (!logged && responseTypeRulesOut(evidence, ['WAF_FILTERED'])) return undefined;
  const stageUnknown = evidence.config.stage === undefined;
  if (!logged && !(forbiddenUnlogged(evidence) && (webAclArn(evidence) || stageUnknown))) return undefined;

  const acl = webAclArn(evidence);
  return {
    summary: msg(
      logged ? 'waf-block.summary.logged' : acl ? 'waf-block.summary.attached' : 'waf-block.summary.possible',
    ),
    evidence: [
      ...responseLine(evidence),
      ...(s.responseType ? [msg('evidence.response-type', { responseType: s.responseType })] : []),
      ...(evidence.accessLog?.wafStatus
        ? [msg('evidence.waf-status', { status: evidence.accessLog.wafStatus })]
        : []),
      ...(acl ? [msg('evidence.web-acl', { arn: acl })] : []),
    ],
    checklist: checklist(acl),
    settle: logged ? undefined : [msg('waf-block.settle.access-log'), msg('waf-block.settle.web-acl')],
  };
}

function checklist(webAclArn: string | undefined): ChecklistStep[] {
  const acl = webAclArn ?? '<web-acl-arn>';
  return [
    {
      text: msg('waf-block.fix.find-rule'),
      command: `aws wafv2 get-sampled-requests --web-acl-arn ${acl} --rule-metric-name <rule-metric> --scope REGIONAL --time-window StartTime=<start>,EndTime=<end> --max-items 100`,
    },
    { text: msg('waf-block.fix.adjust') },
  ];
}
