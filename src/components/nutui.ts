/**
 * NutUI-React-Taro, imported on demand: each component from its own module plus its own compiled CSS.
 * This is what NutUI's documented babel-plugin-import setup rewrites `import { Button } from
 * '@nutui/nutui-react-taro'` into, done by hand so the build needs no extra plugin. Import NutUI only
 * through this file; add a component here (module + style/css) before using it — and watch the main
 * package size (`npm run check:weapp`): every component here ships in it.
 * The theme variables are imported once in app.tsx.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input';
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea';
export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio';
export { default as RadioGroup } from '@nutui/nutui-react-taro/dist/es/packages/radiogroup';
