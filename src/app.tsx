import type { PropsWithChildren } from 'react';
// NutUI theme variables once, globally; each component's own CSS comes with it (components/nutui.ts).
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // children is the page being rendered
  return children;
}

export default App;
