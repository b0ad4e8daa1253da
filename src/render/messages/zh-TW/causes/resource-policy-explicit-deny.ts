import type { TranslationOf } from '../../catalog';
import type { resourcePolicyExplicitDeny as en } from '../../en/causes/resource-policy-explicit-deny';

export const resourcePolicyExplicitDeny = {
  'resource-policy-explicit-deny.title': 'API 的資源政策明確拒絕了呼叫端',
  'resource-policy-explicit-deny.explanation':
    'API 資源政策中的某個 Deny 陳述式符合這次呼叫（通常是針對呼叫端 IP、VPC 端點或主體的條件）。使用 Lambda ' +
    '授權器時，API Gateway 會在呼叫授權器之前先檢查資源政策的 Deny 陳述式，所以授權器根本不會執行；' +
    '明確拒絕無法被任何 Allow 推翻。',
  'resource-policy-explicit-deny.summary.condition':
    '資源政策的{statement}拒絕了這次呼叫（{operator} {key} 符合 {actual}）。',
  'resource-policy-explicit-deny.summary.statement': '資源政策的{statement}拒絕了這次呼叫。',
  'resource-policy-explicit-deny.summary.generic': 'API 的資源政策中有符合這個呼叫端的 Deny 陳述式。',
  'resource-policy-explicit-deny.settle.trace-only':
    'API 的資源政策（GetRestApi 的 policy）與方法的授權設定：光憑這行日誌，資源政策的拒絕，和（可能的）授權器快取結果或 IAM 拒絕，看起來都一樣。',
  'resource-policy-explicit-deny.settle.identity-policy':
    '呼叫端自己的 IAM 政策是否對這個 ARN 有 Deny（若有，就是 IAM 身分政策的拒絕）。',
  'resource-policy-explicit-deny.fix.read-statement': '查看做出決定的陳述式：{statement}',
  'resource-policy-explicit-deny.fix.read-long-statement':
    '查看資源政策中做出決定的{statement}（共 {length, number} 個字元，太長無法在此引用）：',
  'resource-policy-explicit-deny.fix.read-policy': '查看資源政策的 Deny 陳述式及其條件。',
  'resource-policy-explicit-deny.fix.correct':
    '修正條件（IP 範圍、VPC 端點 ID、主體）；若政策本身沒錯，就修正呼叫端的網路路徑。',
} as const satisfies TranslationOf<typeof en>;
