/**
 * ECharts in both builds, from a minimal build (bar, line, pie; grid, tooltip, legend; canvas renderer) so
 * the subpackage stays small. H5 draws into a DOM element; the mini-program into a `<Canvas type="2d">`
 * node wrapped the way Apache's echarts-for-weixin (ec-canvas) does, with touches forwarded to zrender so
 * tooltips and taps work there too.
 */
import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { IS_H5 } from '../../platform/env';
import { role } from '../a11y';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

interface Props {
  id: string;
  option: EChartsCoreOption;
  /** What the chart shows, for screen readers (the numbers are also on the page as text). */
  label: string;
  height?: number;
  onItemClick?: (item: { dataIndex: number; name: string }) => void;
}

type WxNode = { width: number; height: number; getContext(t: '2d'): unknown };

/** The canvas shape zrender expects, over a mini-program canvas node. */
class WxCanvas {
  constructor(private readonly node: WxNode) {}
  getContext(type: string) {
    return type === '2d' ? this.node.getContext('2d') : null;
  }
  get width() {
    return this.node.width;
  }
  set width(w: number) {
    this.node.width = w;
  }
  get height() {
    return this.node.height;
  }
  set height(h: number) {
    this.node.height = h;
  }
  addEventListener() {}
  removeEventListener() {}
  attachEvent() {}
  detachEvent() {}
}

/** The one place the wrapped node meets ECharts' DOM types (it is duck-typed, like ec-canvas). */
function asCanvasElement(canvas: WxCanvas): HTMLCanvasElement {
  return canvas as unknown as HTMLCanvasElement;
}

type Chart = ReturnType<typeof echarts.init>;

export function EChart({ id, option, label, height = 260, onItemClick }: Props) {
  const chart = useRef<Chart | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    let disposed = false;
    const bind = (c: Chart) => {
      chart.current = c;
      c.on('click', (p) => clickRef.current?.({ dataIndex: p.dataIndex, name: String(p.name) }));
      c.setOption(option);
    };
    if (IS_H5) {
      const el = document.getElementById(id);
      if (el) bind(echarts.init(el, undefined, { renderer: 'canvas' }));
    } else {
      setTimeout(() => {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: { node: WxNode; width: number; height: number }[]) => {
            const r = res?.[0];
            if (disposed || !r?.node) return;
            const dpr = Taro.getSystemInfoSync().pixelRatio;
            r.node.width = r.width * dpr;
            r.node.height = r.height * dpr;
            const canvas = asCanvasElement(new WxCanvas(r.node));
            echarts.setPlatformAPI({ createCanvas: () => canvas });
            bind(
              echarts.init(canvas, undefined, {
                width: r.width,
                height: r.height,
                devicePixelRatio: dpr,
              }),
            );
          });
      }, 50);
    }
    return () => {
      disposed = true;
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is created once per mount; option changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const style = { width: '100%', height: `${height}px` };
  if (IS_H5) {
    return <View id={id} className="echart" style={style} {...role('img', { 'aria-label': label })} />;
  }
  const touch =
    (type: 'mousedown' | 'mousemove' | 'mouseup') =>
    (e: { touches?: { x: number; y: number }[]; changedTouches?: { x: number; y: number }[] }) => {
      const t = e.touches?.[0] ?? e.changedTouches?.[0];
      const handler = chart.current?.getZr().handler;
      if (!t || !handler) return;
      const ev = {
        zrX: t.x,
        zrY: t.y,
        preventDefault() {},
        stopImmediatePropagation() {},
        stopPropagation() {},
      };
      handler.dispatch(type, ev);
      if (type === 'mouseup') handler.dispatch('click', ev);
    };
  return (
    <Canvas
      type="2d"
      id={id}
      className="echart"
      style={style}
      {...{ 'aria-label': label }}
      onTouchStart={touch('mousedown')}
      onTouchMove={touch('mousemove')}
      onTouchEnd={touch('mouseup')}
    />
  );
}
