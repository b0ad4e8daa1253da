import type { TranslationOf } from '../catalog';
import type { drift as en } from '../en/drift';

export const drift = {
  'drift.fact.label': '尚未重新部署',
  'drift.joined': '{first}；{rest}',
  'drift.value.none': '無',
  'drift.change.setting': '{subject}：{setting} 在階段上是 {deployed}，在工作副本中是 {live}',
  'drift.change.route-added': '{method} 已在工作副本中，但尚未部署到階段',
  'drift.change.route-removed': '{method} 已從工作副本移除，但階段仍在提供它',
  'drift.change.authorizer-removed': '階段執行的是授權器 {authorizer}，但工作副本中已沒有它（已刪除或改名）',
  'drift.change.policy': '階段執行的資源政策與工作副本在 {statements} 上不一致',
  'drift.change.policy-removed': '資源政策已從工作副本移除，但階段仍在執行它',
  'drift.field.authorization': '方法授權',
  'drift.field.method-authorizer': '授權器',
  'drift.field.api-key-required': '需要 API 金鑰',
  'drift.field.authorization-scopes': 'OAuth 授權範圍',
  'drift.field.authorizer-type': '類型',
  'drift.field.authorizer-uri': '函數',
  'drift.field.authorizer-role': '調用角色',
  'drift.field.identity-source': '身分來源',
  'drift.field.validation-regex': '驗證用正規表示式',
  'drift.field.ttl': '結果快取 TTL',
  'drift.fix':
    '重新部署階段 {stage}：它仍在執行部署 {deploymentId}，而與這個請求相關的設定在那之後已於工作副本中變更（請見「尚未重新部署」）。本判定依據的是階段實際執行的設定。',
  'drift.fix.unknown-deployment':
    '重新部署階段 {stage}：與這個請求相關的設定在上次部署之後已於工作副本中變更（請見「尚未重新部署」）。本判定依據的是階段實際執行的設定。',
  'drift.fix.canary':
    '把工作副本部署到階段 {stage} 的 Canary（處理這個請求的就是它）：它執行的是部署 {deploymentId}，而與這個請求相關的設定在那之後已於工作副本中變更（請見「尚未重新部署」）。有 Canary 的階段，每次部署都會進到 Canary；確認沒問題後再升級（promote）它。',
  'drift.fix.promote':
    '升級（promote）階段 {stage} 的 Canary（部署 {canaryDeploymentId}，執行的是工作副本）：這個請求是由階段本身的部署 {deploymentId} 處理的，而與它相關的設定在那之後已變更（請見「尚未重新部署」）。',
  'drift.fix.canary-then-promote':
    '把工作副本部署到階段 {stage} 的 Canary，再升級（promote）它：處理這個請求的是階段本身的部署 {deploymentId}，而與它相關的設定在那之後已於工作副本中變更（請見「尚未重新部署」）。有 Canary 的階段，每次部署都會先進到 Canary。',

  'diagnosis.gap.only-authorizer':
    '沒有任何記錄指出執行的是哪一個授權器：這個 API 只有一個 Lambda 授權器 {name}（{id}），因此視為就是它。',
  'diagnosis.gap.authorizer-unknown':
    '沒有任何記錄指出執行的是哪一個授權器，而這個 API 有 {count} 個 Lambda 授權器，因此無法判斷它的設定（TTL、身分來源）。請在存取日誌格式中加入 $context.httpMethod 與 $context.resourcePath，或開啟 INFO 層級的執行日誌。',
  'diagnosis.gap.function-other-account':
    '授權器函數位於帳戶 {accountId}，不是 API 所在的帳戶：它的日誌（{logGroup}）在那個帳戶裡，沒有讀取，所以不知道它是否為這個請求執行過。請到那個帳戶查看，或給 why403 一個那個帳戶的角色。',
  'diagnosis.gap.api-account-unread':
    '無法讀取 API 所在的帳戶（STS GetCallerIdentity 沒有回應），因此以授權器函數的帳戶 {accountId} 代替：用於尋找函數日誌的位置，以及下方的指令。如果 API 在另一個帳戶，請改用那個帳戶。',
  'diagnosis.gap.judged-live':
    '無法讀取階段實際執行的設定（它的部署），因此本判定依據的是 API 的工作副本，而工作副本要重新部署後才會生效。',
} as const satisfies TranslationOf<typeof en>;
