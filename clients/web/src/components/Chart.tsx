import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';

// Only what the dashboard draws, on canvas: a smaller bundle, and no inline style attributes that
// the Content-Security-Policy would refuse.
use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts chart with a text alternative: the figure's caption and description are read by
 * screen readers, and every chart on the dashboard has its figures in a table as well.
 */
export function Chart({
  option,
  title,
  description,
  name,
  points,
}: {
  option: EChartsCoreOption;
  title: string;
  description: string;
  /** Identifies the chart in tests and screenshots. */
  name: string;
  /** How many data points it draws (0: nothing to draw). */
  points: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const captionId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <figure className="chart" data-chart={name} data-points={points}>
      <figcaption id={captionId}>{title}</figcaption>
      <p id={descriptionId} className="hint">
        {description}
      </p>
      <div ref={container} className="chart-canvas" role="img" aria-labelledby={captionId} aria-describedby={descriptionId} />
    </figure>
  );
}
