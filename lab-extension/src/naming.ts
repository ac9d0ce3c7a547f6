/**
 * Names of files created by a clone: next to the original, never over an existing file
 * (`analysis.ipynb` → `analysis-1.ipynb`, `analysis-2.ipynb`, ...).
 */

/**
 * `text` cut in the middle to at most `max` characters, for messages: notifications show only their
 * first 140 characters, and a key from a link can be thousands long.
 */
export function shortened(text: string, max = 48): string {
  const chars = [...text];
  if (chars.length <= max) {
    return text;
  }
  const tail = Math.floor((max - 1) / 4);
  return `${chars.slice(0, max - 1 - tail).join('')}…${chars.slice(-tail).join('')}`;
}

/** The last segment of a path or S3 key. */
export function basename(path: string): string {
  return path.split('/').pop() ?? path;
}

/** The folder of a path, '' for the root. */
export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** `name.ext` → `name-n.ext` (the extension is what follows the last dot, if any). */
export function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
}

/**
 * The first free path for `name` in `dir`: `name` itself unless `alwaysNumber`, then `name-1`,
 * `name-2`... `exists` says whether a path is taken.
 */
export async function freePath(
  dir: string,
  name: string,
  exists: (path: string) => Promise<boolean>,
  options: { alwaysNumber?: boolean; maxTries?: number } = {}
): Promise<string> {
  const maxTries = options.maxTries ?? 1000;
  if (!options.alwaysNumber && !(await exists(join(dir, name)))) {
    return join(dir, name);
  }
  for (let n = 1; n <= maxTries; n++) {
    const candidate = join(dir, numbered(name, n));
    if (!(await exists(candidate))) {
      return candidate;
    }
  }
  throw new Error(`No free name for ${name} in ${dir || 'the root folder'} after ${maxTries} tries.`);
}
