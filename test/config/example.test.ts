import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAppConfig } from '../../src/config/app-config';

describe('The example configuration file', () => {
  it('is valid, so the README stays true', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'why403.config.example.yml'), 'utf8');
    const config = parseAppConfig(text, 'why403.config.example.yml');
    expect(config.apis.map((api) => api.id)).toEqual(['a1b2c3d4e5', 'f6e5d4c3b2']);
    expect(config.slack?.users.U0123ONCALL).toEqual({ apis: 'all', flush: true });
    expect(config.slack?.channels.C0123ALERTS).toMatchObject({ flush: true });
  });
});
