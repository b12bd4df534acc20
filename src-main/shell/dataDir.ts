import { resolve } from 'node:path';

/** Where the browser shell keeps its audit log and stub state: flag, env, or ./.kiosk-data. */
export function browserDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.PULIH_DATA_DIR ?? '.kiosk-data');
}
