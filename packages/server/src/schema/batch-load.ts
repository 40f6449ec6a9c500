// Loads rows by id for many parents of one response in a single statement: every resolver that asks in the same tick
// (the `user` of 200 cockpit rows) joins one batch. Prisma batches `findUnique` too, but compiles and runs one query
// per call inside that batch; 200 of them cost several times the rest of the cockpit.

interface Batch<Row> {
  ids: Set<string>;
  rows: Promise<Map<string, Row>>;
}

const batchesByRequest = new WeakMap<object, Map<string, Batch<unknown>>>();

/** `request` scopes the batch (the GraphQL context); `key` names what is loaded and with which selection. */
export function loadInBatch<Row extends { id: string }>(
  request: object,
  key: string,
  id: string,
  loadAll: (ids: string[]) => Promise<Row[]>,
): Promise<Row | undefined> {
  let batches = batchesByRequest.get(request);
  if (!batches) batchesByRequest.set(request, (batches = new Map()));
  let batch = batches.get(key) as Batch<Row> | undefined;
  if (!batch) {
    const ids = new Set<string>();
    const pending = batches;
    const rows = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      // Later callers start a new batch: this one is closed once its statement is sent.
      pending.delete(key);
      const loaded = await loadAll([...ids]);
      return new Map(loaded.map((row) => [row.id, row]));
    });
    batch = { ids, rows };
    batches.set(key, batch as Batch<unknown>);
  }
  batch.ids.add(id);
  return batch.rows.then((rows) => rows.get(id));
}
