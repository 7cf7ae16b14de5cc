import type { Messages } from '../en';

export const mfa: Messages['mfa'] = {
  title: '登录验证方式',
  intro: '该账号证明身份的方式。更改将在其下次登录或解锁时生效，其已打开的页面会立即收到通知。',
  slots: {
    webLogin: { label: 'WEB 登录', hint: '登录此控制台时。' },
    appLogin: { label: 'APP 登录', hint: '登录移动端 APP 时。' },
    appUnlock: { label: 'APP 解锁', hint: 'APP 锁定后重新打开时。' },
  },
  factors: {
    password: '密码',
    email: '邮箱验证码',
    face: '人脸识别',
  },
  descriptions: {
    password: '账号自己的密码',
    email: '发送到账号邮箱的 6 位验证码',
    face: '在手机上进行实时人脸核验',
  },
  emailMissing: '请先添加邮箱地址',
  faceMissing: '请先录入人脸照片（见下方“人脸照片”）',
  orAnother: '{{ reason }}，或选择其他验证方式。',
};
