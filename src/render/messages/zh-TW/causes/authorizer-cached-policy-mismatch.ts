import type { TranslationOf } from '../../catalog';
import type { authorizerCachedPolicyMismatch as en } from '../../en/causes/authorizer-cached-policy-mismatch';

export const authorizerCachedPolicyMismatch = {
  'authorizer-cached-policy-mismatch.title': '沿用了快取中為另一個方法產生的授權器政策',
  'authorizer-cached-policy-mismatch.explanation':
    '授權器的結果是依權杖（或身分來源）快取的，不分方法或路徑。授權器傳回的政策只允許第一次呼叫的方法' +
    '（常見寫法是 Resource: event.methodArn）；在快取 TTL 內，同一個權杖去呼叫其他方法或路徑時，會直接沿用' +
    '這份政策而不呼叫 Lambda，而它並不涵蓋新的方法：403「User is not authorized to access this resource」。' +
    '哪一次呼叫會失敗，取決於是哪一次呼叫填入了快取，所以看起來像是偶發性的問題。',
  'authorizer-cached-policy-mismatch.summary.found-for':
    '請求 {requestId} 為 {cachedFor} 快取的政策被沿用到 {method}，但它並不涵蓋這個方法。',
  'authorizer-cached-policy-mismatch.summary.found':
    '請求 {requestId} 快取的政策被沿用到 {method}，但它並不涵蓋這個方法。',
  'authorizer-cached-policy-mismatch.summary.hit':
    '這個請求沒有呼叫授權器（快取命中），而快取中的政策並不涵蓋 {method}。',
  'authorizer-cached-policy-mismatch.summary.likely':
    '這個請求沒有呼叫授權器（快取命中）；TTL 內先前有 {count} 次呼叫傳回的政策都不涵蓋 {method}，最近的一次是請求 {requestId}：快取就是由其中之一填入的。',
  'authorizer-cached-policy-mismatch.summary.possible':
    '先前以同一個權杖呼叫時快取的政策，可能不涵蓋這個方法。',
  'authorizer-cached-policy-mismatch.evidence.origin': '來自請求 {requestId} 的快取結果：{body}',
  'authorizer-cached-policy-mismatch.evidence.found-by.identity':
    '依身分找到：在這個請求之前的 TTL 內，Incoming identity 與它相同。',
  'authorizer-cached-policy-mismatch.evidence.found-by.principal-id':
    '依主體找到：在這個請求之前的 TTL 內，它傳回的 principalId 正是這個請求在存取日誌中的 $context.authorizer.principalId。',
  'authorizer-cached-policy-mismatch.evidence.found-by.only-candidate':
    '在這個請求之前的 TTL 內，這個階段只有這一次授權器呼叫所傳回的政策不涵蓋這個方法（這段時間的執行日誌已完整讀取）。',
  'authorizer-cached-policy-mismatch.evidence.found-by.one-of-several':
    'TTL 內共有 {count} 次授權器呼叫傳回的政策不涵蓋這個方法，這是最近的一次；無法判斷是哪一次填入了這個請求的快取項目。',
  'authorizer-cached-policy-mismatch.policy-label': '從請求 {requestId} 快取的政策',
  'authorizer-cached-policy-mismatch.settle.ttl':
    '檢查授權器的結果快取 TTL（為 0 就可排除沿用快取政策的可能），並開啟 INFO 層級的執行日誌與資料追蹤。',
  'authorizer-cached-policy-mismatch.settle.function-log':
    '在授權器函數自己的日誌群組中，找該請求時間點的調用記錄：沒有的話，就表示用的是快取中的政策。',
  'authorizer-cached-policy-mismatch.settle.filler':
    '找出 TTL 內先前以相同身分發出的請求，比對它的授權器所傳回的 Resource 與這次的方法 ARN。',
  'authorizer-cached-policy-mismatch.settle.which-filler':
    '在階段的存取日誌格式中加入 $context.authorizer.principalId（或開啟 INFO 層級的執行日誌，它會記下每個請求遮罩後的身分）：兩者都能看出是先前哪一次呼叫填入了快取。',
  'authorizer-cached-policy-mismatch.fix.wide-resource':
    '讓授權器傳回涵蓋該權杖可呼叫之所有方法的 Resource，例如用 {resource} 取代 event.methodArn。',
  'authorizer-cached-policy-mismatch.fix.ttl-off':
    '或者關閉結果快取（TTL {ttl} 秒 → 0）；之後每個請求都會呼叫 Lambda。',
  'authorizer-cached-policy-mismatch.fix.request-identity':
    '或者，若是 REQUEST 授權器，將方法與路徑加入身分來源，讓每個路由的快取金鑰都不同' +
    '（API Gateway 接受哪些內容變數作為身分來源並沒有文件說明：請先測試）。',
  'authorizer-cached-policy-mismatch.fix.flush-why': '以免殘留過時的政策；不清除的話最多要等 {ttl} 秒',
} as const satisfies TranslationOf<typeof en>;
