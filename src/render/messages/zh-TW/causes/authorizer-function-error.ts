import type { TranslationOf } from '../../catalog';
import type { authorizerFunctionError as en } from '../../en/causes/authorizer-function-error';

export const authorizerFunctionError = {
  'authorizer-function-error.title': '授權器 Lambda 當掉了，或傳回了無效的回應',
  'authorizer-function-error.explanation':
    'API Gateway 呼叫了授權器，卻無法使用它傳回的結果：函數拋出例外（匯入錯誤、未處理的例外、逾時）、' +
    "傳回 null、傳回類似 HTTP 回應的物件（例如 '{statusCode: 401}'）、以「Unauthorized」以外的錯誤失敗，" +
    '或傳回含有巢狀物件的 context。以上任何一種情況，都會變成帶有 AuthorizerConfigurationException 的 ' +
    `500 '{"message": null}'。`,
  'authorizer-function-error.summary.unusable':
    'API Gateway 無法使用授權器的回應（500 AuthorizerConfigurationException）。',
  'authorizer-function-error.summary.null': "授權器傳回了 null，而不是 '{principalId, policyDocument}'。",
  'authorizer-function-error.summary.runtime-error': '授權器函數以 {errorType} 失敗：{errorMessage}。',
  'authorizer-function-error.summary.runtime-error-type': '授權器函數以 {errorType} 失敗。',
  'authorizer-function-error.an-error': '某個錯誤',
  'authorizer-function-error.summary.http-style':
    "授權器傳回了類似 HTTP 回應的物件（'{statusCode: …}'）；授權器必須傳回政策，要回 401 則以「Unauthorized」失敗。",
  'authorizer-function-error.summary.no-policy': '授權器的回應中沒有 policyDocument。',
  'authorizer-function-error.summary.nested-context':
    '授權器傳回的 context 含有巢狀物件或陣列；context 的值只能是字串、數字或布林值。',
  'authorizer-function-error.summary.unparsable': 'API Gateway 無法解析授權器的輸出：{detail}',
  'authorizer-function-error.summary.call-failed': '呼叫授權器失敗：{detail}',
  'authorizer-function-error.summary.timed-out': '授權器函數在這個請求中逾時。',
  'authorizer-function-error.summary.function-error':
    '授權器函數以 {errorType} 失敗：{errorMessage}（來自函數自己針對這個請求的日誌）。',
  'authorizer-function-error.evidence.invocation': '授權器函數日誌 {logGroup}，調用 {id}：',
  'authorizer-function-error.evidence.cold-start': '這是一次冷啟動（函數正在初始化）。',
  'authorizer-function-error.evidence.stack': '  {frame}',
  'authorizer-function-error.settle.configuration-line':
    '執行日誌中「Execution failed due to configuration error:」這一行：若是「Invalid permissions on Lambda function」' +
    '或「does not have permission to assume the provided role」，就是許可問題，而不是這個原因。',
  'authorizer-function-error.settle.function-log':
    '授權器函數自己的日誌在該請求時間點是否有調用記錄（沒有 → API Gateway 根本無法呼叫它）。',
  'authorizer-function-error.fix.read-log': '開啟授權器函數在該請求時間點的日誌，找出錯誤。',
  'authorizer-function-error.fix.crash': '修正當掉的原因或打包問題（缺少模組、處理常式名稱、逾時）。',
  'authorizer-function-error.fix.shape':
    "傳回文件規定的格式：'{principalId, policyDocument: {Version, Statement}, context?}'。權杖不正確時，" +
    '請以錯誤「Unauthorized」（一字不差）失敗；context 的值保持扁平（字串、數字、布林值）。',
  'authorizer-function-error.fix.test-invoke':
    '用授權器的測試調用重現問題（這會實際執行函數；請使用測試用權杖）。',
} as const satisfies TranslationOf<typeof en>;
