export const wafBlock = {
  'waf-block.title': 'AWS WAF blocked the request',
  'waf-block.explanation':
    "The stage has an AWS WAF web ACL, and one of its rules blocked the request before API Gateway's own checks " +
    "(resource policy, authorizer, API key) ran. The client gets 403 Forbidden (or the web ACL's custom response), " +
    "the execution log stays empty, and only the access log ($context.waf.*) and WAF's own logs or sampled " +
    'requests say which rule it was.',
  'waf-block.summary.logged': 'The access log shows WAF blocked this request.',
  'waf-block.summary.attached':
    'A WAF web ACL is attached to the stage, and the request was refused before anything was logged.',
  'waf-block.summary.possible':
    'A WAF web ACL on the stage would explain a Forbidden that leaves no execution log.',
  'waf-block.settle.access-log':
    'The access log for the request: $context.error.responseType WAF_FILTERED and $context.waf.status confirm it.',
  'waf-block.settle.web-acl':
    "The stage's webAclArn (GetStage) and the web ACL's sampled requests or logs at the request time.",
  'waf-block.fix.find-rule':
    'Find the terminating rule in the WAF logs (httpSourceName APIGW) or the sampled requests at the request time.',
  'waf-block.fix.adjust':
    'Adjust that rule: a scope-down statement, a label-based exception for this path, or Count mode while testing ' +
    '(a common case: the managed rule SizeRestrictions_BODY blocking request bodies over 8 KB).',
} as const;
