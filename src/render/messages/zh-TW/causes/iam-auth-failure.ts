import type { TranslationOf } from '../../catalog';
import type { iamAuthFailure as en } from '../../en/causes/iam-auth-failure';

export const iamAuthFailure = {
  'iam-auth-failure.title': 'IAM（SigV4）授權失敗',
  'iam-auth-failure.explanation':
    '這個方法使用 AWS_IAM 授權。呼叫端必須以 SigV4 為服務「execute-api」、在 API 所在的區域簽署請求，' +
    '憑證要有效（若是暫時憑證，還必須完整），而且它的身分政策必須允許對該方法 ARN 執行 execute-api:Invoke。' +
    '跨帳戶呼叫時，API 的資源政策也必須允許該呼叫端。',
  'iam-auth-failure.summary.signature': '請求的 SigV4 簽章遭到拒絕：{detail}',
  'iam-auth-failure.summary.denied': '{principal} 不被允許對 {resource} 呼叫 execute-api:Invoke。',
  'iam-auth-failure.summary.denied-explicit':
    '{principal} 不被允許對 {resource} 呼叫 execute-api:Invoke（明確拒絕）。',
  'iam-auth-failure.summary.bearer': 'AWS_IAM 方法收到的是 Bearer 權杖，而不是 SigV4 簽章。',
  'iam-auth-failure.summary.access-denied':
    'API Gateway 拒絕了存取（ACCESS_DENIED），但讀到的內容看不出是哪一道檢查拒絕的：可能是呼叫端的 IAM 權限沒有允許對這個方法執行 execute-api:Invoke。',
  'iam-auth-failure.summary.unsigned': 'AWS_IAM 方法收到了未簽署的請求。',
  'iam-auth-failure.settle.authorization':
    '方法的授權類型（GetResources?embed=methods）：若為 AWS_IAM，問題就在呼叫端的 IAM 權限。',
  'iam-auth-failure.settle.simulate': '呼叫端的 IAM 政策（可用 aws iam simulate-principal-policy 模擬）。',
  'iam-auth-failure.fix.scp':
    '拒絕訊息指出的是呼叫端所屬 AWS Organization 的服務控制政策（SCP）：不論呼叫端的角色允許什麼，它都會限制整個帳戶。請在組織的管理帳戶中找出拒絕（或未允許）execute-api:Invoke 的 SCP 陳述式，修改它或讓這個呼叫排除在外：',
  'iam-auth-failure.fix.boundary':
    '拒絕訊息指出的是呼叫端的許可界限（permissions boundary）：不論角色或使用者的政策允許什麼，它都會設下上限。請同時在該許可界限中允許對該方法 ARN 執行 execute-api:Invoke：',
  'iam-auth-failure.fix.session-policy':
    '拒絕訊息指出的是工作階段政策：建立憑證時傳入的政策（AssumeRole、GetFederationToken、身分集區或 SSO 工作階段）會限制這些憑證。請在那裡允許對該方法 ARN 執行 execute-api:Invoke，或不帶該政策建立工作階段。',
  'iam-auth-failure.fix.allow': '在呼叫端的身分政策中，允許對該方法 ARN 執行 execute-api:Invoke：',
  'iam-auth-failure.fix.cross-account':
    '從其他帳戶呼叫時：另外在資源政策中加上允許該呼叫端角色或帳戶的 Allow，然後重新部署。',
  'iam-auth-failure.fix.sign-region':
    '為服務「execute-api」在 {region} 簽署；修正時鐘偏差（簽章 5 分鐘後失效）；更新暫時憑證並一併送出工作階段權杖。',
  'iam-auth-failure.fix.sign':
    '為服務「execute-api」在 API 所在的區域簽署；修正時鐘偏差（簽章 5 分鐘後失效）；更新暫時憑證並一併送出工作階段權杖。',
} as const satisfies TranslationOf<typeof en>;
