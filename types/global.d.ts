/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/**
 * Origin of the HTTP API, injected at build time by `defineConstants` from `TARO_APP_API_BASE`
 * ('' = same origin for H5; an https origin for mini-programs). Never ends with '/'.
 */
declare const API_BASE: string;
/** WeChat subscribe-message template id (TARO_APP_SUBSCRIBE_TEMPLATE_ID at build time); '' = opt-in not offered. */
declare const SUBSCRIBE_TEMPLATE_ID: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID?: string;
    /** Build-time only: read by config/index.ts, baked in as API_BASE. */
    TARO_APP_API_BASE?: string;
    /** Build-time only: baked in as SUBSCRIBE_TEMPLATE_ID. */
    TARO_APP_SUBSCRIBE_TEMPLATE_ID?: string;
  }
}
