/**
 * Which platform this bundle was built for. `process.env.TARO_ENV` is replaced at build time, so the branch
 * for the other platform is dropped from each bundle.
 */
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
export const IS_H5 = process.env.TARO_ENV === 'h5';
