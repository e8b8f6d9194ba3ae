/**
 * NutUI components only the staff workspace uses, imported on demand (module + its compiled CSS) exactly
 * like components/nutui.ts — but from inside the staff subpackage, so neither the code nor the CSS reaches
 * the resident's main package (Taro moves modules used only by a subpackage into it). The shared form
 * controls (Button, Input, TextArea, Radio) come from components/nutui.ts: they are in the main package
 * already.
 */
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabpane/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/menu/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/menuitem/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/steps/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/step/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/table/style/css';

export { default as Tabs } from '@nutui/nutui-react-taro/dist/es/packages/tabs';
export { default as Menu } from '@nutui/nutui-react-taro/dist/es/packages/menu';
export { default as Steps } from '@nutui/nutui-react-taro/dist/es/packages/steps';
export { default as Step } from '@nutui/nutui-react-taro/dist/es/packages/step';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog';
export { default as Table } from '@nutui/nutui-react-taro/dist/es/packages/table';
export { Button, Input, Radio, RadioGroup, TextArea } from '../../components/nutui';
