/** What every generated doc says about itself. */
export const GENERATED_NOTE = (source: string): string =>
  `> Generated from ${source} by \`npm run docs\`. Do not edit by hand: change the source, then run \`npm run docs\`.`;
