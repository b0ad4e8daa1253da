import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { modulesLoadedBy } from '../support/modules-loaded';

/**
 * A large input is counted on the worker thread from the start: the reading thread must not spend its first tens of
 * milliseconds loading the classifier. Runs the build (`npm run build`, which `npm ci` runs).
 */

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const FILE_SCAN = join(DIST, 'locate', 'file-scan.js');

beforeAll(() => {
  if (!existsSync(FILE_SCAN)) throw new Error(`${FILE_SCAN} does not exist: run "npm run build" first`);
});

it('scan --file loads no classifier on the reading thread until it counts a request there', () => {
  const loaded = modulesLoadedBy(`require(${JSON.stringify(FILE_SCAN)});`);

  expect(loaded.filter((file) => file.includes('/dist/src/locate/'))).toContainEqual(
    expect.stringMatching(/request-groups\.js$/),
  );
  expect(loaded.filter((file) => /\/dist\/src\/(classify|render)\//.test(file))).toEqual([]);
});
