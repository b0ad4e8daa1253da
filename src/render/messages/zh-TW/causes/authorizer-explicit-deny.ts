import type { TranslationOf } from '../../catalog';
import type { authorizerExplicitDeny as en } from '../../en/causes/authorizer-explicit-deny';

export const authorizerExplicitDeny = {
  'authorizer-explicit-deny.title': 'Lambda 授權器傳回了明確拒絕（Deny）',
  'authorizer-explicit-deny.explanation':
    '授權器有執行，並傳回一份含有 Deny 陳述式的政策，而該陳述式涵蓋了被呼叫的方法。明確拒絕永遠優先，' +
    '所以不論其他地方是否允許，API Gateway 都回 403。若開啟了快取，在快取項目過期之前，同一個權杖的每個請求' +
    '都會沿用同一個 Deny。',
  'authorizer-explicit-deny.summary.statement':
    '授權器的政策拒絕了 {methodArn}：涵蓋它的 Deny 是{statement}。',
  'authorizer-explicit-deny.summary.deny-seen': '授權器為這個請求傳回了含有 Deny 陳述式的政策。',
  'authorizer-explicit-deny.summary.cached':
    '套用到這個請求的授權器政策（來自快取：沒有呼叫 Lambda）含有明確拒絕。',
  'authorizer-explicit-deny.summary.answer':
    'API Gateway 表示授權器的政策明確拒絕了這個請求（「… with an explicit deny」）。',
  'authorizer-explicit-deny.evidence.test-console':
    '這段追蹤來自主控台的「測試」分頁：方法 ARN 是模擬的（階段為「{stage}」），也沒有使用快取。',
  'authorizer-explicit-deny.settle.final-status':
    '這個請求最後的狀態碼（403 代表 Deny 確實套用；200 則表示有其他陳述式允許了它）。',
  'authorizer-explicit-deny.fix.read-log':
    '查看授權器函數自己的日誌，了解它為何選擇 Deny（權杖過期或無效、角色或群組規則）。',
  'authorizer-explicit-deny.fix.valid-token':
    '如果 Deny 是預期中的行為，用戶端就需要有效的權杖。權杖錯誤或過期時，建議改以錯誤「Unauthorized」' +
    '失敗（401），讓用戶端分得出「請重新登入」與「禁止存取」。',
  'authorizer-explicit-deny.fix.narrow':
    '如果 Deny 的範圍比預期寬（例如某條規則用了 Resource「*」或「.../*/*」），請把它的 Resource 縮小到' +
    '該規則真正要管的方法。',
  'authorizer-explicit-deny.fix.flush-why': '在修正之後；不清除的話，快取中的 Deny 最多還會保留 {ttl} 秒',
} as const satisfies TranslationOf<typeof en>;
