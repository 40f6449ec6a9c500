// Mutation payloads return the changed object with whatever the client selected. Services return plain rows, so
// the resolver reads the row once more with Pothos' `query` (relations included) after the transaction commits.
interface Delegate<Row> {
  findUniqueOrThrow(args: { where: { id: string } } & object): Promise<Row>;
}

export async function reload<Row>(delegate: Delegate<Row>, query: object, changed: Promise<{ id: string }>): Promise<Row> {
  const { id } = await changed;
  return delegate.findUniqueOrThrow({ ...query, where: { id } });
}
