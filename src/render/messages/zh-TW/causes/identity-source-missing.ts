import type { TranslationOf } from '../../catalog';
import type { identitySourceMissing as en } from '../../en/causes/identity-source-missing';

export const identitySourceMissing = {
  'identity-source-missing.title': '請求缺少授權器的身分來源',
  'identity-source-missing.explanation':
    '呼叫 Lambda 授權器之前，API Gateway 會檢查每一個設定的身分來源（TOKEN 授權器是權杖標頭；REQUEST 授權器則是' +
    '列出的每個標頭、查詢字串或階段變數）是否存在且不為空。只要缺了一個，它就立刻回 401 Unauthorized，' +
    '完全不呼叫 Lambda，所以授權器的日誌裡什麼都沒有。常見的起因：標頭名稱與設定不一致、用戶端沒有送出它，' +
    '或是在掛有授權器的方法上收到 CORS 預檢（OPTIONS）請求。',
  'identity-source-missing.summary.source':
    'API Gateway 沒有呼叫授權器就回了 401：請求沒有帶 {source}（或它是空的）。',
  'identity-source-missing.summary.generic':
    'API Gateway 沒有呼叫授權器就回了 401：請求很可能缺少授權器的身分來源。',
  'identity-source-missing.evidence.not-invoked':
    '整段追蹤中沒有任何 Lambda 調用的日誌行：API Gateway 在呼叫授權器之前就拒絕了請求。',
  'identity-source-missing.settle.lambda-ran':
    '授權器 Lambda 是否為這個請求執行過（看它的日誌群組，或整段追蹤中是否有「Authorizer result body」一行）：' +
    '若有執行，就是授權器本身回了 Unauthorized。',
  'identity-source-missing.settle.regex':
    '授權器的類型與 identityValidationExpression：TOKEN 授權器的正規表示式不符時，回的也是同樣的 401。',
  'identity-source-missing.settle.header':
    '失敗的請求是否帶有身分來源標頭（且不為空）：要檢查的是用戶端，不是權杖的值。',
  'identity-source-missing.fix.carry':
    '確認請求帶有每一個設定的身分來源（{source}），且不為空。帶上該標頭重現一次：',
  'identity-source-missing.fix.client': '修正用戶端，或把身分來源改成用戶端實際送出的標頭。',
  'identity-source-missing.fix.options':
    'OPTIONS 方法（CORS 預檢）不要掛授權器：瀏覽器送出預檢請求時從不帶憑證。',
} as const satisfies TranslationOf<typeof en>;
