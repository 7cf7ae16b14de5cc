import type { Messages } from '../en';

export const ui: Messages['ui'] = {
  loading: '加载中',
  noAccessTitle: '无权访问',
  noAccessHeading: '您无权访问此页面',
  needsPermission: '此页面需要权限“{{ label }}”（{{ key }}）。请联系管理员授予。',
  needsSomePermission: '您的账号不具备所需权限。请联系管理员。',
  backToOverview: '返回概览',
  notFoundBody: '它不存在，或不在您的管辖范围内。',
  closeDialog: '关闭',
  notifications: '通知',
};
