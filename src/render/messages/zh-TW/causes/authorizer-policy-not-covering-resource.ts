import type { TranslationOf } from '../../catalog';
import type { authorizerPolicyNotCoveringResource as en } from '../../en/causes/authorizer-policy-not-covering-resource';

export const authorizerPolicyNotCoveringResource = {
  'authorizer-policy-not-covering-resource.title': '授權器的政策不涵蓋被呼叫的方法',
  'authorizer-policy-not-covering-resource.explanation':
    '授權器為這個請求執行了，並傳回 Allow 政策，但其中沒有任何一個 Resource ARN 符合這次呼叫的方法 ARN' +
    '（階段、HTTP 動詞、路徑、API ID 或大小寫不對），因此沒有任何東西允許這次呼叫，API Gateway 回 403' +
    '「User is not authorized to access this resource」。若資源政策允許這個呼叫端，請求原本可以通過；這裡並沒有。',
  'authorizer-policy-not-covering-resource.summary.difference':
    '授權器執行後傳回的 Allow 不涵蓋 {method}：它的{segment}是「{expected}」，請求的卻是「{actual}」。',
  'authorizer-policy-not-covering-resource.summary.nothing-matches':
    '授權器執行後傳回的政策，沒有允許任何符合 {method} 的項目。',
  'authorizer-policy-not-covering-resource.summary.access-denied':
    'API Gateway 拒絕了存取（ACCESS_DENIED），但讀到的內容看不出是哪一道檢查拒絕的：可能是 Lambda 授權器的政策沒有允許這個方法。',
  'authorizer-policy-not-covering-resource.summary.bare-403':
    '一個沒有讀到任何內容的 403，發生在使用 Lambda 授權器的方法上：可能是授權器的政策沒有允許這個方法。',
  'authorizer-policy-not-covering-resource.summary.implicit':
    '授權器的政策沒有允許這個方法（不是明確拒絕：只是沒有任何項目符合）。',
  'authorizer-policy-not-covering-resource.evidence.caching-off':
    '授權器快取已關閉（TTL 0），所以授權器就是為這個請求執行的。',
  'authorizer-policy-not-covering-resource.settle.result-body':
    '在階段上開啟 INFO 層級的執行日誌並啟用資料追蹤，再重現一次：若這個請求 ID 有「Authorizer result body」一行，' +
    '表示授權器有執行，而它的政策沒有涵蓋這個方法；沒有的話，則是沿用了快取中的政策。',
  'authorizer-policy-not-covering-resource.fix.compare-arn':
    '把授權器傳回的 Resource 值與方法 ARN {methodArn} 並排比對，找出第一個不同的部分。',
  'authorizer-policy-not-covering-resource.fix.compare':
    '把授權器傳回的 Resource 值與它收到的方法 ARN（event.methodArn）並排比對，找出第一個不同的部分。',
  'authorizer-policy-not-covering-resource.fix.wide-resource':
    '傳回涵蓋整個 API 的 Resource，由 event.methodArn 拆解組成，而不是把階段寫死：{resource}',
  'authorizer-policy-not-covering-resource.fix.wildcard':
    '別忘了 Resource 中的「*」也會比對到「/」，所以「.../prod/*/*」涵蓋該階段的所有 HTTP 動詞與路徑。',
  'authorizer-policy-not-covering-resource.fix.flush-why': '在授權器改為傳回範圍更廣的 Resource 之後',
} as const satisfies TranslationOf<typeof en>;
