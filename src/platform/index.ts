/**
 * Platform adapters: one per capability, each with a mini-program and an H5 implementation, so pages never
 * branch on the platform themselves.
 */
export { IS_H5, IS_WEAPP } from './env';
export { wechatLogin } from './login';
export { mapPicker, type PickedLocation } from './location';
export { chooseImages, type ChosenImage } from './media';
export { systemPrefersLargeText } from './display';
export { privacy, PRIVACY_AGREE_BUTTON_ID } from './privacy';
export {
  subscribeMessages,
  SUBSCRIBE_TEMPLATE_IDS,
  type SubscribeMoment,
  type SubscribeOutcome,
} from './subscribe';
