import type { progress as english } from '../en/progress';
import type { TranslationOf } from '../catalog';

export const progress = {
  'progress.found': '已在 {logGroup} 找到請求 {requestId}。',
  'progress.found-in-access-log': '已在存取日誌 {logGroup} 找到請求 {requestId}。',
  'progress.configuration': '正在讀取 {where} 的設定…',
  'progress.cache-filler': '這個請求沒有呼叫授權器：正在尋找填入快取的那個請求…',
  'progress.function-log': '正在讀取授權器函數的日誌 {logGroup}…',
  'progress.listing-groups': '正在列出 {region} 中 API Gateway 的執行日誌群組…',
  'progress.insights': '正在以 Logs Insights 查詢 {groups}…',
  'progress.traces': '正在讀取 {total} 個失敗請求中 {count} 個的追蹤記錄…',
  'progress.insights-status': 'Logs Insights：{status}，目前已掃描 {megabytes} MB…',
  'progress.searching': '正在搜尋 {groups}，從 {start} 到 {end}…',
  'progress.test-invoke': '正在執行 {restApiId} 的授權器 {authorizerId} 一次（TestInvokeAuthorizer）…',
  'progress.groups': '{count, plural, other {# 個執行日誌群組}}',
} as const satisfies TranslationOf<typeof english>;
