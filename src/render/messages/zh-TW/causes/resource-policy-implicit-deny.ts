import type { TranslationOf } from '../../catalog';
import type { resourcePolicyImplicitDeny as en } from '../../en/causes/resource-policy-implicit-deny';

export const resourcePolicyImplicitDeny = {
  'resource-policy-implicit-deny.title': 'API 的資源政策沒有允許呼叫端',
  'resource-policy-implicit-deny.explanation':
    '資源政策中沒有任何陳述式允許這個呼叫端（呼叫端不在 IP 允許清單、VPC 端點或帳戶之內），而這個方法也沒有' +
    '其他允許它的機制：沒有授權、使用 Cognito 授權器，或以 IAM 跨帳戶呼叫的方法，都需要資源政策中的明確 Allow。',
  'resource-policy-implicit-deny.summary.condition':
    '資源政策的 Allow（{statement}）不符合這個呼叫端：{key} {actual} 不在 {expected} 之中。',
  'resource-policy-implicit-deny.summary.access-denied':
    'API Gateway 拒絕了存取（ACCESS_DENIED），但讀到的內容看不出是哪一道檢查拒絕的：可能是資源政策沒有允許這個呼叫端。',
  'resource-policy-implicit-deny.summary.generic':
    '資源政策中沒有任何項目允許這個呼叫端（「User: anonymous is not authorized …」且不是明確拒絕）。',
  'resource-policy-implicit-deny.settle.endpoint-type':
    'API 的端點類型是否為 PRIVATE（若是，缺口很可能在 VPC 端點）。',
  'resource-policy-implicit-deny.settle.caller':
    '呼叫端的來源 IP 或 VPC 端點（存取日誌欄位 $context.identity.sourceIp / vpceId），用來對照政策評估。',
  'resource-policy-implicit-deny.settle.lambda-authorizer':
    '這個方法使用 Lambda 授權器，而授權器的 Allow 可以蓋過沒有表態的資源政策：請確認已部署的階段實際用的是哪個授權器（部署版本落差）。',
  'resource-policy-implicit-deny.fix.allow-ip':
    '加上符合這個呼叫端的 Allow 陳述式（來源 IP {sourceIp}，或它的 VPC 端點、主體或帳戶）。',
  'resource-policy-implicit-deny.fix.allow':
    '加上符合呼叫端的 Allow 陳述式（IP 範圍、VPC 端點、主體或帳戶）。',
  'resource-policy-implicit-deny.fix.explicit-deny':
    '如果本意是「只允許這些 IP」，保留 Allow，再加上一條以 NotIpAddress 比對 aws:SourceIp 的明確 Deny，' +
    '這樣即使 Lambda 授權器允許了呼叫，限制依然有效。',
} as const satisfies TranslationOf<typeof en>;
