import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

export interface PickedLocation {
  address: string;
  lat: number;
  lng: number;
}

/**
 * Picking a place on a map: `wx.chooseLocation` in the mini-program (declared in app.config.ts
 * `requiredPrivateInfos`). H5 has no map picker here: the resident types the address.
 */
export const mapPicker = {
  supported: IS_WEAPP,
  /** Resolves null when the resident closed the map without choosing. */
  async pick(): Promise<PickedLocation | null> {
    if (!IS_WEAPP) return null;
    try {
      const res = await Taro.chooseLocation({});
      const address = [res.address, res.name].filter(Boolean).join(' ').trim();
      if (!address) return null;
      return { address: address.slice(0, 200), lat: res.latitude, lng: res.longitude };
    } catch {
      return null;
    }
  },
};
