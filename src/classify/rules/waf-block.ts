import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { signals } from '../signals';
import { hasTrace, isPlainForbidden, responseLine, responseTypeRulesOut } from './helpers';

export const wafBlock: Rule = {
  cause: 'waf-block',
  title: 'AWS WAF blocked the request',
  step: 'waf',
  explanation:
    "The stage has an AWS WAF web ACL, and one of its rules blocked the request before API Gateway's own checks " +
    "(resource policy, authorizer, API key) ran. The client gets 403 Forbidden (or the web ACL's custom response), " +
    "the execution log stays empty, and only the access log ($context.waf.*) and WAF's own logs or sampled " +
    'requests say which rule it was.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const accessLog = evidence.accessLog;
  const webAclArn = evidence.config.stage?.webAclArn ?? accessLog?.webAclArn;
  const logged =
    s.responseType === 'WAF_FILTERED' ||
    /block/i.test(accessLog?.wafStatus ?? '') ||
    /block/i.test(accessLog?.wafResponseCode ?? '');
  const forbiddenUnlogged = isPlainForbidden(evidence) && !hasTrace(evidence);
  if (!logged && responseTypeRulesOut(evidence, ['WAF_FILTERED'])) return undefined;

  let confidence: Confidence;
  if (logged) confidence = 'high';
  else if (forbiddenUnlogged && webAclArn && evidence.config.method?.apiKeyRequired !== true)
    confidence = 'medium';
  else if (forbiddenUnlogged && evidence.config.stage === undefined) confidence = 'low';
  else return undefined;

  return {
    cause: 'waf-block',
    confidence,
    summary: logged
      ? 'The access log shows WAF blocked this request.'
      : webAclArn
        ? 'A WAF web ACL is attached to the stage, and the request was refused before anything was logged.'
        : 'A WAF web ACL on the stage would explain a Forbidden that leaves no execution log.',
    evidence: [
      ...responseLine(evidence),
      ...(s.responseType ? [`Access log responseType: ${s.responseType}`] : []),
      ...(accessLog?.wafStatus ? [`Access log waf.status: ${accessLog.wafStatus}`] : []),
      ...(webAclArn ? [`Web ACL: ${webAclArn}`] : []),
    ],
    checklist: checklist(webAclArn),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'The access log for the request: $context.error.responseType WAF_FILTERED and $context.waf.status confirm it.',
            "The stage's webAclArn (GetStage) and the web ACL's sampled requests or logs at the request time.",
          ],
  };
}

function checklist(webAclArn: string | undefined): ChecklistStep[] {
  const acl = webAclArn ?? '<web-acl-arn>';
  return [
    {
      text: 'Find the terminating rule in the WAF logs (httpSourceName APIGW) or the sampled requests at the request time.',
      command: `aws wafv2 get-sampled-requests --web-acl-arn ${acl} --rule-metric-name <rule-metric> --scope REGIONAL --time-window StartTime=<start>,EndTime=<end> --max-items 100`,
    },
    {
      text:
        'Adjust that rule: a scope-down statement, a label-based exception for this path, or Count mode while testing ' +
        '(a common case: the managed rule SizeRestrictions_BODY blocking request bodies over 8 KB).',
    },
  ];
}
