import type { TranslationOf } from '../../catalog';
import type { missingAuthenticationToken as en } from '../../en/causes/missing-authentication-token';

export const missingAuthenticationToken = {
  'missing-authentication-token.title': '已部署的階段中沒有這個路由（「Missing Authentication Token」）',
  'missing-authentication-token.explanation':
    '雖然名稱這樣寫，這通常不是身分驗證的問題：API Gateway 在已部署的階段中，找不到對應這個路徑的資源與方法——' +
    '可能是打錯字、URL 少了階段那一段、HTTP 動詞不對、新增了資源卻沒有重新部署，或是自訂網域的基本路徑對應不符。' +
    '這類呼叫若帶了 Authorization: Bearer 標頭，就會出現「not a valid key=value pair」的變體。',
  'missing-authentication-token.summary.bearer':
    '已部署的階段中沒有這個路由；接著 Bearer 權杖又被當成格式錯誤的 SigV4 標頭來解讀。',
  'missing-authentication-token.summary.route':
    'API Gateway 在已部署的階段中，找不到對應這個路徑的資源與方法。',
  'missing-authentication-token.evidence.no-route': 'API 資源樹中沒有任何資源符合被呼叫的路徑。',
  'missing-authentication-token.settle.authorization':
    '方法的授權類型：在 AWS_IAM 方法上得到同樣的回應，表示呼叫沒有簽署。',
  'missing-authentication-token.fix.compare-url':
    '將 URL 與 {url} 比對（階段那一段、路徑、HTTP 動詞、大小寫），並對照資源樹：',
  'missing-authentication-token.fix.base-path': '若透過自訂網域呼叫，檢查基本路徑對應。',
  'missing-authentication-token.fix.sign': '若方法使用 AWS_IAM，請以 SigV4 簽署請求（服務 execute-api）。',
} as const satisfies TranslationOf<typeof en>;
