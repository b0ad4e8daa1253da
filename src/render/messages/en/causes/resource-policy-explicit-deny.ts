export const resourcePolicyExplicitDeny = {
  'resource-policy-explicit-deny.title': "The API's resource policy explicitly denies the caller",
  'resource-policy-explicit-deny.explanation':
    "A Deny statement in the API's resource policy matches this call (typically a condition on the caller's IP, VPC " +
    "endpoint or principal). With a Lambda authorizer API Gateway checks the resource policy's Deny statements " +
    'before it calls the authorizer, so the authorizer never runs; an explicit Deny cannot be overridden by any Allow.',
  'resource-policy-explicit-deny.summary.condition':
    "The resource policy's {statement} denies this call ({operator} {key} matched {actual}).",
  'resource-policy-explicit-deny.summary.statement': "The resource policy's {statement} denies this call.",
  'resource-policy-explicit-deny.summary.generic':
    "The API's resource policy has a Deny statement that matches this caller.",
  'resource-policy-explicit-deny.settle.trace-only':
    "The API's resource policy (GetRestApi policy) and the method's authorization: the log line alone reads the same for a resource-policy denial and, perhaps, for an authorizer's cached answer or an IAM denial.",
  'resource-policy-explicit-deny.settle.identity-policy':
    "Whether the caller's own IAM policy has a Deny for this ARN (then it is an IAM identity-policy denial).",
  'resource-policy-explicit-deny.fix.read-statement': 'Read the deciding statement: {statement}',
  'resource-policy-explicit-deny.fix.read-long-statement':
    'Read {statement} of the resource policy, the one that decides ({length, number} characters, too long to quote here):',
  'resource-policy-explicit-deny.fix.read-policy':
    "Read the resource policy's Deny statements and their conditions.",
  'resource-policy-explicit-deny.fix.correct':
    "Correct the condition (IP ranges, VPC endpoint ids, principals), or the caller's network path if the policy is right.",
} as const;
