import { createRequire } from 'node:module';

/**
 * The chart's typeface ships with Nabo as an npm package (Inter, SIL Open Font License), so text
 * renders the same on a server without any system fonts. resvg needs TrueType or OpenType files
 * (it does not read WOFF2); the Expo Google Fonts package carries Inter as TTF.
 */
export const REPORT_FONT_FAMILY = 'Inter';

const require = createRequire(import.meta.url);

/** Paths of the regular and bold faces. */
export function reportFontFiles(): string[] {
  return [
    require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
    require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  ];
}
