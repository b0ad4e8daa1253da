import type { TranslationOf } from '../catalog';
import type { canary as en } from '../en/canary';

export const canary = {
  'canary.export-unavailable':
    'Canary 的部署 {deploymentId} 無法讀取：GetExport 只能匯出階段本身的部署，而沒有其他階段在執行它。因此改以工作副本代替判斷（Canary 是從工作副本部署的），但無法得知該部署之後改了什麼。',
  'canary.fact.label': 'Canary 發行',
  'canary.fact.canary':
    '這個請求是由 Canary 處理的（部署 {deploymentId}，占 {percent}% 的請求）：判斷依據的是 Canary 的部署與階段變數',
  'canary.fact.production':
    '這個請求是由階段本身的部署 {deploymentId} 處理的，不是它的 Canary（部署 {canaryDeploymentId}，占 {percent}% 的請求）',
  'canary.fact.unknown':
    '這個階段會把 {percent}% 的請求送到它的 Canary（部署 {canaryDeploymentId}）；無法判斷這個請求是由哪一個版本處理的',
  'canary.gap.unknown':
    '階段 {stage} 有 Canary 發行（部署 {canaryDeploymentId}，占 {percent}% 的請求），沒有任何證據指出這個請求是由哪個版本處理的，而兩者的判斷結果不同（依階段本身的部署是 {production}，依 Canary 的部署是 {canary}）：本判定的可信度最高只到「中」。',
  'canary.gap.drift-unknown':
    '與這個請求相關的設定是否已重新部署，要看是哪個版本處理了它：階段本身的部署 {deploymentId} 和 Canary 的部署 {canaryDeploymentId} 與工作副本的差異不同，而沒有證據指出執行的是哪一個。',
  'canary.settle':
    '階段 {stage} 是由哪個版本處理這個請求：在存取日誌格式中加入 $context.isCanaryRequest，或讓 why403 讀取 {canaryGroup}（API Gateway 也會把 Canary 請求記錄在那裡；需要 logs:FilterLogEvents）。',
  'canary.scan.served':
    '階段 {stage} 有 Canary 發行（部署 {canaryDeploymentId}，占 {percent}% 的請求）：其中 {count, plural, other {# 個失敗請求}}出現在它的 Canary 日誌群組 {canaryGroup}，已依 Canary 的設定判斷。',
  'canary.scan.undecided':
    '階段 {stage} 有 Canary 發行（部署 {canaryDeploymentId}，占 {percent}% 的請求），但無法判斷 {count, plural, other {# 個失敗請求}}是由哪個版本處理的（{reason}）；兩個版本對它們的判斷不同，所以依階段本身的部署計算，且可信度都不會是「高」。',
  'canary.scan.unlisted': '無法列出日誌群組：{reason}',
  'canary.scan.textless': '它的 Canary 日誌群組有日誌行從 Logs Insights 回傳時沒有內容',
  'canary.scan.unflagged': '它的存取日誌沒有記錄 $context.isCanaryRequest',
} as const satisfies TranslationOf<typeof en>;
