import type { TranslationOf } from '../../catalog';
import type { identityValidationRegexMismatch as en } from '../../en/causes/identity-validation-regex-mismatch';

export const identityValidationRegexMismatch = {
  'identity-validation-regex-mismatch.title': '權杖不符合授權器的驗證用正規表示式',
  'identity-validation-regex-mismatch.explanation':
    'TOKEN 授權器可以設定 identityValidationExpression：一個正規表示式，權杖必須先符合它，API Gateway 才會呼叫 ' +
    'Lambda。不符合的權杖（典型情況是預期「Bearer …」卻送了單純的 JWT，或反過來）會立刻得到 401 Unauthorized，' +
    '不會呼叫 Lambda，和缺少標頭時的回應完全一樣。REQUEST 授權器沒有這項檢查。',
  'identity-validation-regex-mismatch.summary.regex':
    'API Gateway 沒有呼叫授權器就回了 401；權杖可能不符合驗證用正規表示式 {regex}。',
  'identity-validation-regex-mismatch.summary.generic':
    'API Gateway 沒有呼叫授權器就回了 401；如果這是設有驗證用正規表示式的 TOKEN 授權器，權杖可能不符合它。',
  'identity-validation-regex-mismatch.summary.regex-unproven':
    '權杖可能不符合授權器的驗證用正規表示式 {regex}：這時 API Gateway 不呼叫授權器就回 401。是否呼叫過授權器，目前沒有證據。',
  'identity-validation-regex-mismatch.summary.generic-unproven':
    '若這是設有驗證用正規表示式的 TOKEN 授權器，權杖可能不符合它：這時 API Gateway 不呼叫授權器就回 401。是否呼叫過授權器，目前沒有證據。',
  'identity-validation-regex-mismatch.settle.header':
    '請求到底有沒有帶權杖標頭（沒有 → identity-source-missing；有 → 被正規表示式擋下）。',
  'identity-validation-regex-mismatch.settle.offline':
    '在本機用遮蔽過的權杖格式樣本（例如「Bearer eyJ…」）測試正規表示式；絕對不要把真實權杖貼到頻道裡。',
  'identity-validation-regex-mismatch.fix.test-regex':
    '在本機用權杖的格式（前綴、點號、長度）測試正規表示式 {regex}，絕對不要拿真實權杖在聊天中測試。',
  'identity-validation-regex-mismatch.fix.read-regex':
    '讀出授權器的 identityValidationExpression，並在本機用權杖的格式測試它。',
  'identity-validation-regex-mismatch.fix.align':
    '讓正規表示式符合實際的權杖格式，或修正用戶端的前綴（「Bearer 」）。',
} as const satisfies TranslationOf<typeof en>;
