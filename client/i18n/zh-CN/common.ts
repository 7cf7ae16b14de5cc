import type { Messages } from '../en';

export const common: Messages['common'] = {
  appName: 'Gatehouse',
  never: '永不',
  loading: '加载中…',
  save: '保存',
  saving: '正在保存…',
  cancel: '取消',
  close: '关闭',
  delete: '删除',
  edit: '编辑',
  retry: '重试',
  back: '返回',
  yes: '是',
  no: '否',
  none: '无',
  language: '语言',
  unexpectedError: '出了点问题，请重试。',
};
