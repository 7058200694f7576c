import type { WriteQueue } from "./writeQueue";
import { settingEntries, type SettingEntries, type SettingWrite } from "./storedState";
import type { Sync } from "./readSource";

/**
 * Reading and writing the add-in's settings (layout and merging in storedState.ts). Every run that writes
 * settings loads them all in its first sync (`workbook.settings`, ExcelApi 1.4) and plans its writes from
 * that fresh copy, key by key, so what a co-author saved meanwhile under another key is never put back.
 */

/** Queues a load of every setting; the returned function gives them after the next sync. */
export function loadSettingEntries(context: Excel.RequestContext): () => Map<string, unknown> {
  const settings = context.workbook.settings;
  settings.load("items/key,items/value");
  return () => settingEntries(settings.items.map((item) => ({ key: item.key, value: item.value as unknown })));
}

/** Queues the new values (removals go separately, after: removeSettings). */
export function queueSettingValues(queue: WriteQueue, context: Excel.RequestContext, writes: readonly SettingWrite[]): void {
  for (const write of writes) {
    const value = write.value;
    if (value === null) continue;
    queue.add(40 + write.key.length + value.length, () => {
      context.workbook.settings.add(write.key, value);
    });
  }
}

/** The same, straight onto the context (for the small record written after the sheets it names exist). */
export function addSettingValues(context: Excel.RequestContext, writes: readonly SettingWrite[]): void {
  for (const write of writes) if (write.value !== null) context.workbook.settings.add(write.key, write.value);
}

/**
 * Removes keys (records of deleted sheets, cleared concerns) in one last sync of their own. A co-author may
 * have removed one already, and Excel then fails the whole request with ItemNotFound: that is harmless
 * here (what should be gone is gone) and must not turn a finished run into an error, so it is ignored.
 */
export async function removeSettings(context: Excel.RequestContext, sync: Sync, writes: readonly SettingWrite[], entries: SettingEntries): Promise<void> {
  const keys = writes.filter((w) => w.value === null && entries.has(w.key)).map((w) => w.key);
  if (keys.length === 0) return;
  for (const key of keys) context.workbook.settings.getItem(key).delete();
  try {
    await sync();
  } catch {
    // Tidying only: the next run prunes again.
  }
}
