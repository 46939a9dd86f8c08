// A content loader for a folder of YAML files, each holding a list of entries.
// Facts and quiz questions are written per session, many to a file; the built-in
// file() loader takes one file and glob() one entry per file, so neither fits.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { load as parseYaml } from 'js-yaml';

interface Options {
  /** Folder, relative to the project root. */
  base: string;
  /** Field filled with the file's name (without .yaml) when an entry leaves it out. */
  fileField?: string;
}

/** Field the loader sets to an entry's position across the folder, since the store does not keep file order. */
const POSITION = 'position';

export function yamlListLoader({ base, fileField }: Options): Loader {
  return {
    name: 'yaml-list-loader',
    load: async (context) => {
      await sync(context);
      // In `npm run dev`, as the built-in loaders do: an edited, added or removed file reloads the folder.
      const dir = join(fileURLToPath(context.config.root), base);
      context.watcher?.add(dir);
      const reload = async (path: string) => {
        if (!path.startsWith(dir) || !path.endsWith('.yaml')) return;
        context.logger.info(`Reloading ${relative(dir, path)} in ${base}`);
        try {
          await sync(context);
        } catch (error) {
          context.logger.error((error as Error).message);
        }
      };
      for (const event of ['add', 'change', 'unlink'] as const) context.watcher?.on(event, reload);
    },
  };

  async function sync({ config, store, parseData, logger }: LoaderContext) {
    const root = fileURLToPath(config.root);
    const dir = join(root, base);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
    const seen = new Map<string, string>();
    store.clear();
    for (const name of names) {
      const path = join(dir, name);
      const shown = relative(root, path);
      let list: unknown;
      try {
        list = parseYaml(await readFile(path, 'utf-8'), { filename: shown });
      } catch (error) {
        throw new Error(`${shown}: not valid YAML: ${(error as Error).message}`, { cause: error });
      }
      if (!Array.isArray(list)) throw new Error(`${shown}: expected a list of entries`);
      list.forEach((item: unknown, index: number) => {
        if (typeof item !== 'object' || item === null || typeof (item as { id?: unknown }).id !== 'string') {
          throw new Error(`${shown}: entry ${index + 1} has no "id" field`);
        }
      });
      for (const item of list as Array<Record<string, unknown> & { id: string }>) {
        const { id, ...rest } = item;
        const earlier = seen.get(id);
        if (earlier) throw new Error(`${shown}: id "${id}" is already used in ${earlier}`);
        seen.set(id, shown);
        const raw: Record<string, unknown> = { ...rest, [POSITION]: seen.size };
        if (fileField && raw[fileField] === undefined) raw[fileField] = name.slice(0, -5);
        const data = await parseData({ id, data: raw, filePath: path });
        store.set({ id, data, filePath: shown });
      }
    }
    logger.info(`${seen.size} entries from ${names.length} files in ${base}`);
  }
}
