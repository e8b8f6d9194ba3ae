import { useEffect, type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
// NutUI theme variables once, globally; each component's own CSS comes with it (components/nutui.ts).
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import { loginWithWechat } from './api/auth';
import { onAuthRequired, setReloginHandler } from './api/session';
import { IS_H5, IS_WEAPP } from './platform/env';
import { installH5Accessibility } from './platform/h5-accessibility';
import { privacy } from './platform/privacy';
import { currentRoute } from './utils/navigation';
import { ROUTES, loginUrl } from './utils/routes';
import './app.scss';

// Mini-program: wx.login needs no user action, so a missing or expired session is renewed silently
// (single flight, in the request wrapper). H5 residents log in again with phone + SMS code.
if (IS_WEAPP) {
  setReloginHandler(loginWithWechat);
  privacy.install();
}
if (IS_H5) installH5Accessibility();

function App({ children }: PropsWithChildren) {
  useEffect(
    () =>
      onAuthRequired(() => {
        const here = currentRoute();
        if (here.startsWith(ROUTES.login) || here.startsWith(ROUTES.staffLogin)) return;
        // Staff pages have their own login (username, password, TOTP).
        if (here.startsWith('/staff/')) void Taro.redirectTo({ url: ROUTES.staffLogin });
        else void Taro.navigateTo({ url: loginUrl(here) });
      }),
    [],
  );
  // children is the page being rendered
  return children;
}

export default App;
