import { reportFontFiles, REPORT_FONT_FAMILY } from './font.js';

/**
 * SVG to PNG with resvg (Rust, no browser). System fonts are off on purpose: the picture must not
 * depend on what happens to be installed, so only the shipped font is used, and a machine
 * without any fonts draws the same text.
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const rendered = new Resvg(svg, {
    background: '#ffffff',
    font: {
      fontFiles: reportFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: REPORT_FONT_FAMILY,
      sansSerifFamily: REPORT_FONT_FAMILY,
    },
  }).render();
  return rendered.asPng();
}
