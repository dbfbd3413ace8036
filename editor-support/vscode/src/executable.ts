// Finds the program that the `kairos.path` setting names. It does not use the
// VS Code API, so plain Node tests can exercise every rule.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const kDefaultExecutable = 'kairos';

/** Everything the lookup reads from the machine, so tests can supply their own. */
export interface LookupEnvironment {
  platform: NodeJS.Platform;
  /** The `PATH` variable. */
  searchPath: string | undefined;
  /** Windows' `PATHEXT` (`.COM;.EXE;...`); unused elsewhere. */
  pathExt: string | undefined;
  homeDir: string;
  /** Folders a relative path such as `build/cli/kairos` is taken from, in order. */
  baseDirs: readonly string[];
  isExecutableFile(candidate: string): boolean;
}

export function processLookupEnvironment(baseDirs: readonly string[]): LookupEnvironment {
  return {
    platform: process.platform,
    searchPath: process.env['PATH'] ?? process.env['Path'],
    pathExt: process.env['PATHEXT'],
    homeDir: os.homedir(),
    baseDirs,
    isExecutableFile,
  };
}

export function isExecutableFile(candidate: string): boolean {
  try {
    if (!fs.statSync(candidate).isFile()) {
      return false;
    }
    // Windows has no execute bit; the file extension decides there.
    if (process.platform !== 'win32') {
      fs.accessSync(candidate, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of the executable that `setting` names, or undefined when
 * there is none. An empty setting means `kairos`. A bare name is searched on
 * PATH, a path with a separator is taken from the workspace folders unless it is
 * absolute, and a leading `~` is the home folder.
 */
export function resolveExecutable(setting: string | undefined, env: LookupEnvironment): string | undefined {
  const paths = env.platform === 'win32' ? path.win32 : path.posix;
  let name = (setting ?? '').trim() || kDefaultExecutable;

  if (name === '~' || name.startsWith('~/') || (env.platform === 'win32' && name.startsWith('~\\'))) {
    name = paths.join(env.homeDir, name.slice(1));
  }

  let locations: string[];
  if (paths.isAbsolute(name)) {
    locations = [name];
  } else if (name.includes('/') || (env.platform === 'win32' && name.includes('\\'))) {
    locations = env.baseDirs.map((dir) => paths.resolve(dir, name));
  } else {
    const dirs = (env.searchPath ?? '').split(paths.delimiter).filter((dir) => dir.length > 0);
    locations = dirs.map((dir) => paths.join(dir, name));
  }

  for (const location of locations) {
    for (const candidate of withExecutableExtensions(location, env)) {
      if (env.isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

// On Windows `kairos` means `kairos.exe` (or another PATHEXT extension).
function withExecutableExtensions(location: string, env: LookupEnvironment): string[] {
  if (env.platform !== 'win32') {
    return [location];
  }
  const extensions = (env.pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext.length > 0);
  const lower = location.toLowerCase();
  if (extensions.some((ext) => lower.endsWith(ext.toLowerCase()))) {
    return [location];
  }
  return [location, ...extensions.map((ext) => location + ext.toLowerCase())];
}
