// Compile-time checks only (run by `tsc -p packages/sdk`, never executed): results and variables are inferred from
// the generated documents, and variables are required exactly when the operation has a required one.
import {
  createDeskgraphClient,
  CreateCustomerDocument,
  CustomersDocument,
  DeskgraphClientError,
  ViewerDocument,
  WorkspaceEventsDocument,
} from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => {};

export async function inference() {
  const client = createDeskgraphClient({ url: 'http://localhost:4000/graphql', token: 'dgs_x' });

  const { viewer } = await client.request(ViewerDocument);
  expectType<Equal<typeof viewer.role, 'ADMIN' | 'AGENT' | 'SUPERVISOR'>>(true);
  expectType<Equal<typeof viewer.user, { id: string; name: string; email: string } | null>>(true);

  // All of `customers`' variables are optional, so they may be left out.
  const { customers } = await client.request(CustomersDocument);
  await client.request(CustomersDocument, { first: 10, search: 'ayşe' });
  expectType<Equal<typeof customers.pageInfo.endCursor, string | null>>(true);

  const { createCustomer } = await client.request(CreateCustomerDocument, { input: { name: 'Zeynep' } });
  expectType<Equal<typeof createCustomer.email, string | null>>(true);
  // @ts-expect-error `input` is required.
  await client.request(CreateCustomerDocument);
  // @ts-expect-error `name` is required in CreateCustomerInput.
  await client.request(CreateCustomerDocument, { input: { email: 'a@b.c' } });
  // @ts-expect-error no such variable.
  await client.request(ViewerDocument, { nope: 1 });

  for await (const { workspaceEvents } of client.subscribe(WorkspaceEventsDocument, { types: ['customer.*'] })) {
    expectType<Equal<typeof workspaceEvents.payload, unknown>>(true);
    expectType<Equal<typeof workspaceEvents.occurredAt, string>>(true);
    break;
  }

  try {
    await client.request(ViewerDocument);
  } catch (error) {
    if (error instanceof DeskgraphClientError && error.code === 'BAD_USER_INPUT') {
      expectType<Equal<typeof error.field, string | undefined>>(true);
    }
  }
  await client.close();
}
