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
  'identity-source-missing.summary.sources':
    'API Gateway 沒有呼叫授權器就回了 401：它的身分來源（{source}）中有一項在這個請求裡沒有值——可能是請求沒帶（或帶了空值）的標頭或查詢字串，也可能是沒有設定的階段變數或 context 值。',
  'identity-source-missing.summary.stage-variable':
    'API Gateway 對每一個請求都不呼叫授權器、直接回 401：授權器的身分來源用到{count, plural, other {階段變數}} {variables}，但階段 {stage} 沒有設定。這是設定上的問題，不是用戶端送得出來的東西。',
  'identity-source-missing.summary.generic':
    'API Gateway 沒有呼叫授權器就回了 401：請求很可能缺少授權器的身分來源。',
  'identity-source-missing.summary.source-unproven':
    '請求可能沒有帶 {source}（或它是空的）：這時 API Gateway 不呼叫授權器就回 401。是否呼叫過授權器，目前沒有證據。',
  'identity-source-missing.summary.sources-unproven':
    '授權器的身分來源（{source}）中可能有一項在這個請求裡沒有值——可能是請求沒帶（或帶了空值）的標頭或查詢字串，也可能是沒有設定的階段變數或 context 值：這時 API Gateway 不呼叫授權器就回 401。是否呼叫過授權器，目前沒有證據。',
  'identity-source-missing.summary.generic-unproven':
    '請求可能缺少授權器的身分來源：這時 API Gateway 不呼叫授權器就回 401。是否呼叫過授權器，目前沒有證據。',
  'identity-source-missing.evidence.not-invoked':
    '整段追蹤中沒有任何 Lambda 調用的日誌行：API Gateway 在呼叫授權器之前就拒絕了請求。',
  'identity-source-missing.evidence.access-log-no-call':
    '存取日誌沒有記下授權器 Lambda 的呼叫：{fields} {count, plural, other {是}}「-」（未設定）。這表示它可能沒被呼叫，但不是證明：API Gateway 拒絕請求時在這些欄位寫什麼，目前未經證實。',
  'identity-source-missing.evidence.stage-variable-undefined':
    '階段 {stage} 沒有定義階段變數 {variable}（它定義的是 {defined}）。',
  'identity-source-missing.evidence.stage-variables-none':
    '階段 {stage} 完全沒有定義階段變數，所以 {variable} 沒有值。',
  'identity-source-missing.evidence.stage-variable-empty': '階段 {stage} 把階段變數 {variable} 設成了空值。',
  'identity-source-missing.evidence.header-not-sent':
    'curl -v 顯示的這個請求（標頭完整貼上）沒有帶 {headers} {count, plural, other {標頭}}（或帶的是空值）。',
  'identity-source-missing.settle.stage-variables':
    '階段 {stage} 有沒有把{count, plural, other {階段變數}} {variables} 設成非空的值（aws apigateway get-stage）：身分來源列出的階段變數只要階段沒設定，每一個請求都會失敗。',
  'identity-source-missing.settle.lambda-ran':
    '授權器 Lambda 是否為這個請求執行過（看它的日誌群組，或整段追蹤中是否有「Authorizer result body」一行）：' +
    '若有執行，就是授權器本身回了 Unauthorized。',
  'identity-source-missing.settle.regex':
    '授權器的類型與 identityValidationExpression：TOKEN 授權器的正規表示式不符時，回的也是同樣的 401。',
  'identity-source-missing.settle.header':
    '失敗的請求是否帶有身分來源標頭（且不為空）：要檢查的是用戶端，不是權杖的值。',
  'identity-source-missing.fix.carry':
    '確認請求帶有每一個設定的身分來源（{source}），且不為空。帶上每一個標頭和查詢字串重現一次：',
  'identity-source-missing.fix.stage-variables':
    'curl 送不了{count, plural, other {階段變數}} {variables}：要由階段 {stage} 設成非空的值。',
  'identity-source-missing.fix.context':
    'curl 也送不了 {values}：這類{count, plural, other {context 值}}是 API Gateway 自己設定的，請求當下必須不為空。',
  'identity-source-missing.fix.define-stage-variable':
    '在階段 {stage} 上把{count, plural, other {階段變數}} {variables} 設成授權器預期的值（不能是空的）：',
  'identity-source-missing.fix.drop-stage-variable':
    '或者，如果授權器其實用不到{count, plural, other {階段變數}} {variables}，就從身分來源中拿掉：',
  'identity-source-missing.fix.drop-last-source':
    '或者，如果授權器用不到它，就把它從身分來源中移除；移除後若沒有任何身分來源，就必須關閉授權快取（TTL 設為 0）。',
  'identity-source-missing.fix.call-again': '接著再呼叫一次該方法，帶上授權器列出的每一個標頭和查詢字串：',
  'identity-source-missing.fix.client': '修正用戶端，或把身分來源改成用戶端實際送出的標頭。',
  'identity-source-missing.fix.options':
    'OPTIONS 方法（CORS 預檢）不要掛授權器：瀏覽器送出預檢請求時從不帶憑證。',
} as const satisfies TranslationOf<typeof en>;
