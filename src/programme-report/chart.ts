import type * as EChartsCore from 'echarts/core';
import { catalogFor } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import { REPORT_FONT_FAMILY } from './font.js';
import {
  FEW,
  OUTCOME_KEYS,
  type AreaReport,
  type OutcomeKey,
  type ProgrammeReport,
  type ReportCell,
} from './small-cells.js';
import { formatCell, periodLabel, shortMonthLabel } from './table.js';

/**
 * The report as one chart: the areas side by side (three to a row), each with three panels
 * over the same months:
 * 1. households by outcome, stacked, with the number that moved in above each bar and the
 *    contact rate as a line on a per-cent axis;
 * 2. the median days from moving in to the first try, against the area's deadline (dashed);
 * 3. active ambassadors, meetings held and check-ins held.
 * Built as Apache ECharts options and rendered to SVG on the server (no browser, no DOM).
 * Cells shown as "<5" in the table are not drawn (small-cells.ts): no segment, no point, no
 * label; a month whose moved-in count is "<5" shows just "<5" at its foot.
 */

const PANEL_WIDTH = 760;
const HOUSEHOLDS_HEIGHT = 260;
const SMALL_PANEL_HEIGHT = 150;
const PANEL_GAP = 64;
const AREA_TITLE = 72;
const MARGIN = 36;
const HEADER = 132;
const FOOTER = 40;
const AREAS_PER_ROW = 3;
const BLOCK_HEIGHT =
  AREA_TITLE +
  HOUSEHOLDS_HEIGHT +
  PANEL_GAP +
  SMALL_PANEL_HEIGHT +
  PANEL_GAP +
  SMALL_PANEL_HEIGHT +
  40;

const COLOURS: Record<
  OutcomeKey | 'contactRate' | 'median' | 'deadline' | 'ambassadors' | 'meetings' | 'checkIns',
  string
> = {
  met: '#1b7f5a',
  folderOnly: '#8fd0b0',
  declined: '#e0a43a',
  notReached: '#c94f4f',
  inProgress: '#c3c7cf',
  contactRate: '#1f3b73',
  median: '#6a3d9a',
  deadline: '#c94f4f',
  ambassadors: '#3a7bd5',
  meetings: '#f28e2b',
  checkIns: '#59a14f',
};

export interface ChartLayout {
  width: number;
  height: number;
  option: EChartsCore.EChartsCoreOption;
}

/** ECharts' own mark for "no value here": the bar or point is left out. */
const NONE = '-';

function drawn(cell: ReportCell): number | typeof NONE {
  return typeof cell === 'number' ? cell : NONE;
}

export function chartLayout(report: ProgrammeReport, locale: Locale): ChartLayout {
  const text = catalogFor(locale);
  const columns = Math.min(AREAS_PER_ROW, Math.max(1, report.areas.length));
  const rows = Math.max(1, Math.ceil(report.areas.length / AREAS_PER_ROW));
  const width = MARGIN + columns * (PANEL_WIDTH + 2 * MARGIN);
  const height = HEADER + rows * BLOCK_HEIGHT + FOOTER;
  const outcomeName: Record<OutcomeKey, string> = {
    met: text.programmeReportMet(),
    folderOnly: text.programmeReportFolderOnly(),
    declined: text.programmeReportDeclined(),
    notReached: text.programmeReportNotReached(),
    inProgress: text.programmeReportInProgress(),
  };
  const names = {
    contactRate: text.programmeReportContactRate(),
    median: text.programmeReportMedianDays(),
    ambassadors: text.programmeReportActiveAmbassadors(),
    meetings: text.programmeReportMeetingsHeld(),
    checkIns: text.programmeReportCheckInsHeld(),
  };

  const title = text.programmeReportTitle(
    report.areas.map((area) => area.area.name).join(', '),
    periodLabel(report, locale),
  );

  const titles: object[] = [
    { text: title, left: MARGIN, top: 16, textStyle: { fontSize: 22, fontWeight: 'bold' } },
  ];
  const grids: object[] = [];
  const xAxes: object[] = [];
  const yAxes: object[] = [];
  const series: object[] = [];

  report.areas.forEach((area, index) => {
    const left = MARGIN + (index % AREAS_PER_ROW) * (PANEL_WIDTH + 2 * MARGIN) + MARGIN;
    const top = HEADER + Math.floor(index / AREAS_PER_ROW) * BLOCK_HEIGHT;
    const months = area.months.map((month) => shortMonthLabel(month.month, locale));
    const panelTops = [
      top + AREA_TITLE,
      top + AREA_TITLE + HOUSEHOLDS_HEIGHT + PANEL_GAP,
      top + AREA_TITLE + HOUSEHOLDS_HEIGHT + PANEL_GAP + SMALL_PANEL_HEIGHT + PANEL_GAP,
    ];
    const panelHeights = [HOUSEHOLDS_HEIGHT, SMALL_PANEL_HEIGHT, SMALL_PANEL_HEIGHT];
    const panelTitles = [
      text.programmeReportHouseholdsPanel(),
      text.programmeReportSpeedPanel(area.firstAttemptDeadlineDays),
      text.programmeReportActivityPanel(),
    ];
    titles.push({
      text: area.area.name,
      left: left - 8,
      top,
      textStyle: { fontSize: 18, fontWeight: 'bold' },
    });
    const firstGrid = grids.length;
    const firstY = yAxes.length;
    panelTops.forEach((panelTop, panel) => {
      titles.push({
        text: panelTitles[panel],
        left: left - 8,
        top: panelTop - 26,
        textStyle: { fontSize: 13, fontWeight: 'normal', color: '#444' },
      });
      grids.push({
        left,
        top: panelTop,
        width: PANEL_WIDTH - 2 * MARGIN,
        height: panelHeights[panel],
      });
      xAxes.push({
        type: 'category',
        gridIndex: firstGrid + panel,
        data: months,
        axisLabel: { fontSize: 11, interval: 0 },
        axisTick: { alignWithLabel: true },
      });
    });
    yAxes.push(
      {
        type: 'value',
        gridIndex: firstGrid,
        minInterval: 1,
        // Room above the tallest bar for its label.
        boundaryGap: [0, '12%'],
      },
      {
        type: 'value',
        gridIndex: firstGrid,
        min: 0,
        max: 100,
        position: 'right',
        splitLine: { show: false },
        axisLabel: { formatter: '{value} %' },
      },
      {
        type: 'value',
        gridIndex: firstGrid + 1,
        min: 0,
        max: speedAxisMax(area),
        minInterval: 1,
      },
      {
        type: 'value',
        gridIndex: firstGrid + 2,
        minInterval: 1,
        boundaryGap: [0, '15%'],
      },
    );
    series.push(
      ...householdSeries(area, firstGrid, firstY, outcomeName, names.contactRate, locale),
    );
    series.push({
      name: names.median,
      type: 'line',
      xAxisIndex: firstGrid + 1,
      yAxisIndex: firstY + 2,
      data: area.months.map((month) => drawn(month.medianDaysToFirstTry)),
      connectNulls: false,
      itemStyle: { color: COLOURS.median },
      lineStyle: { width: 2 },
      symbolSize: 7,
      label: {
        show: true,
        position: 'top',
        fontSize: 11,
        formatter: (point: { value: number }) => formatCell(point.value, locale),
      },
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: COLOURS.deadline, type: 'dashed', width: 2 },
        label: {
          formatter: text.programmeReportDeadline(area.firstAttemptDeadlineDays),
          position: 'insideStartTop',
          color: COLOURS.deadline,
          fontSize: 11,
        },
        data: [{ yAxis: area.firstAttemptDeadlineDays }],
      },
    });
    const activity = [
      ['ambassadors', (m: AreaReport['months'][number]) => m.activeAmbassadors],
      ['meetings', (m: AreaReport['months'][number]) => m.meetingsHeld],
      ['checkIns', (m: AreaReport['months'][number]) => m.checkInsHeld],
    ] as const;
    for (const [key, value] of activity) {
      series.push({
        name: names[key],
        type: 'bar',
        xAxisIndex: firstGrid + 2,
        yAxisIndex: firstY + 3,
        data: area.months.map(value),
        itemStyle: { color: COLOURS[key] },
        barMaxWidth: 12,
        label: {
          show: true,
          position: 'top',
          fontSize: 10,
          formatter: (point: { value: number }) => (point.value === 0 ? '' : String(point.value)),
        },
      });
    }
  });

  return {
    width,
    height,
    option: {
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: REPORT_FONT_FAMILY, color: '#222' },
      color: Object.values(COLOURS),
      title: titles,
      legend: {
        top: 58,
        left: MARGIN,
        width: width - 2 * MARGIN,
        itemGap: 18,
        textStyle: { fontSize: 12 },
        data: [
          ...OUTCOME_KEYS.map((key) => outcomeName[key]),
          names.contactRate,
          names.median,
          names.ambassadors,
          names.meetings,
          names.checkIns,
        ],
      },
      grid: grids,
      xAxis: xAxes,
      yAxis: yAxes,
      series,
      graphic: [
        {
          type: 'text',
          left: MARGIN,
          bottom: 14,
          style: { text: text.programmeReportFootnote(), fontSize: 12, fill: '#555' },
        },
      ],
    },
  };
}

function householdSeries(
  area: AreaReport,
  gridIndex: number,
  firstY: number,
  outcomeName: Record<OutcomeKey, string>,
  contactRateName: string,
  locale: Locale,
): object[] {
  const stack = `households-${gridIndex}`;
  const bars = OUTCOME_KEYS.map((key) => ({
    name: outcomeName[key],
    type: 'bar',
    stack,
    xAxisIndex: gridIndex,
    yAxisIndex: firstY,
    barMaxWidth: 34,
    itemStyle: { color: COLOURS[key] },
    data: area.months.map((month) => (month.movedIn === FEW ? NONE : drawn(month[key]))),
  }));
  // The number that moved in, written just above what is drawn of the month's bar.
  const totals = {
    type: 'scatter',
    xAxisIndex: gridIndex,
    yAxisIndex: firstY,
    symbolSize: 0,
    silent: true,
    data: area.months.map((month) => {
      const height =
        month.movedIn === FEW
          ? 0
          : OUTCOME_KEYS.reduce((sum, key) => {
              const cell = month[key];
              return sum + (typeof cell === 'number' ? cell : 0);
            }, 0);
      return {
        value: height,
        label: {
          show: month.movedIn !== 0,
          position: 'top',
          fontSize: 11,
          color: month.movedIn === FEW ? '#777' : '#222',
          formatter: formatCell(month.movedIn, locale),
        },
      };
    }),
  };
  const contactRate = {
    name: contactRateName,
    type: 'line',
    xAxisIndex: gridIndex,
    yAxisIndex: firstY + 1,
    connectNulls: false,
    symbolSize: 6,
    itemStyle: { color: COLOURS.contactRate },
    lineStyle: { width: 2 },
    data: area.months.map((month) => drawn(month.contactRatePercent)),
  };
  return [...bars, totals, contactRate];
}

function speedAxisMax(area: AreaReport): number {
  const medians = area.months
    .map((month) => month.medianDaysToFirstTry)
    .filter((cell): cell is number => typeof cell === 'number');
  const highest = Math.max(area.firstAttemptDeadlineDays, ...medians);
  return Math.ceil((highest * 1.25) / 5) * 5;
}

/** The chart as an SVG document, rendered without a browser. */
export async function renderChartSvg(layout: ChartLayout): Promise<string> {
  const echarts = await loadECharts();
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: layout.width,
    height: layout.height,
  });
  try {
    chart.setOption(layout.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

let loaded: Promise<typeof EChartsCore> | undefined;

/** Loaded on first use, so processes that never draw a chart do not carry ECharts. */
function loadECharts(): Promise<typeof EChartsCore> {
  loaded ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.BarChart,
      charts.LineChart,
      charts.ScatterChart,
      components.GridComponent,
      components.TitleComponent,
      components.LegendComponent,
      components.MarkLineComponent,
      components.GraphicComponent,
      renderers.SVGRenderer,
    ]);
    return core;
  })();
  return loaded;
}
