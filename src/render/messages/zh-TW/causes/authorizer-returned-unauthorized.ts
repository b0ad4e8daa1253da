import type { TranslationOf } from '../../catalog';
import type { authorizerReturnedUnauthorized as en } from '../../en/causes/authorizer-returned-unauthorized';

export const authorizerReturnedUnauthorized = {
  'authorizer-returned-unauthorized.title': '授權器拒絕了權杖（Unauthorized）',
  'authorizer-returned-unauthorized.explanation':
    'Lambda 授權器執行後，以一字不差的錯誤「Unauthorized」失敗，這是授權器表示權杖不被接受的方式' +
    '（過期、簽發者或受眾不符、簽章錯誤）。API Gateway 會把它轉成 401。原因記錄在授權器函數自己的日誌裡，' +
    '不在 API Gateway 的日誌中。',
  'authorizer-returned-unauthorized.summary.ran':
    'Lambda 授權器為這個請求執行了，並以「Unauthorized」拒絕了權杖。',
  'authorizer-returned-unauthorized.summary.may':
    '授權器可能有執行，並以「Unauthorized」拒絕了權杖（兩種情況下，用戶端看到的都是同一個 401）。',
  'authorizer-returned-unauthorized.evidence.function-log':
    '授權器函數自己的日誌（{logGroup}）顯示，調用 {id} 以「Unauthorized」失敗。',
  'authorizer-returned-unauthorized.settle.function-log':
    '授權器函數在該請求時間點是否有調用記錄（有 → 是函數自己回應了 Unauthorized；沒有 → 缺少身分來源，或未通過正規表示式驗證）。',
  'authorizer-returned-unauthorized.fix.read-log':
    '查看授權器函數在該請求時間點的日誌，找出拒絕的原因（權杖過期、簽發者或受眾不符、簽章或 JWKS 驗證失敗）。',
  'authorizer-returned-unauthorized.fix.token':
    '修正用戶端的權杖，或授權器的驗證設定（簽發者、受眾、金鑰）。',
} as const satisfies TranslationOf<typeof en>;
