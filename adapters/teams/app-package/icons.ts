import { encodePng } from './png.js';

/**
 * Nabo's two Teams icons, drawn in code: a house with a door. Teams wants a 192×192 colour icon
 * (symbol inside the central safe area, full-bleed background) and a 32×32 outline icon (white
 * on transparent).
 */

export const ACCENT_COLOR = '#2E7D6B';

type Rgb = readonly [number, number, number];

const ACCENT: Rgb = [0x2e, 0x7d, 0x6b];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Is the point (u, v), both 0..1 across the symbol's box, part of the house? */
function isHouse(u: number, v: number): boolean {
  const roof = v >= 0.05 && v <= 0.48 && Math.abs(u - 0.5) <= ((v - 0.05) / 0.43) * 0.5;
  const body = u >= 0.14 && u <= 0.86 && v >= 0.46 && v <= 0.95;
  const door = u >= 0.41 && u <= 0.59 && v >= 0.64 && v <= 0.95;
  return (roof || body) && !door;
}

/**
 * Renders `size`×`size` pixels; the symbol fills the box from `inset` to `size - inset`.
 * Each pixel is sampled 4×4 times, so edges are smooth at 32 px too.
 */
function draw(size: number, inset: number, background: Rgb | undefined, symbol: Rgb): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  const box = size - 2 * inset;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples - inset) / box;
          const v = (y + (sy + 0.5) / samples - inset) / box;
          if (isHouse(u, v)) covered++;
        }
      }
      const coverage = covered / (samples * samples);
      const offset = (y * size + x) * 4;
      if (background) {
        for (let channel = 0; channel < 3; channel++) {
          const mixed =
            (background[channel] ?? 0) * (1 - coverage) + (symbol[channel] ?? 0) * coverage;
          pixels[offset + channel] = Math.round(mixed);
        }
        pixels[offset + 3] = 0xff;
      } else {
        pixels[offset] = symbol[0];
        pixels[offset + 1] = symbol[1];
        pixels[offset + 2] = symbol[2];
        pixels[offset + 3] = Math.round(coverage * 0xff);
      }
    }
  }
  return pixels;
}

export function colorIcon(): Buffer {
  return encodePng(192, 192, draw(192, 40, ACCENT, WHITE));
}

export function outlineIcon(): Buffer {
  return encodePng(32, 32, draw(32, 3, undefined, WHITE));
}
