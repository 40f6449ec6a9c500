// GraphQL for what customers write, relayed by an integrator (or an agent typing in what a customer sent):
// `createTicketFromCustomer` and `addCustomerMessage`. Channel bridges call the same service functions.
import { z } from 'zod';
import { UploadRef } from '../attachments/schema-scalar.js';
import { ChannelEnum } from '../products/schema.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { emailRule, nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { PriorityEnum } from '../vocabularies/schema.js';
import { addCustomerMessage, createCustomerTicket } from './customer-messages.js';
import { messageBodyRule, TicketMessagePayload } from './schema.js';

const subjectRule = z.string().trim().min(1, 'Must not be empty.').max(250, 'At most 250 characters.').refine(storableText);
const phoneRule = z.string().trim().regex(/^\+?[0-9 ()-]{4,32}$/, 'Must be a phone number such as +90 212 555 0000.');

const CustomerContactInput = builder.inputType('CustomerContactInput', {
  description: 'Who wrote: an existing customer with this e-mail (or, without one, this phone number) is reused.',
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    email: t.string({ required: false, validate: emailRule }),
    phone: t.string({ required: false, validate: phoneRule }),
  }),
});

const CreateTicketFromCustomerInput = builder.inputType('CreateTicketFromCustomerInput', {
  fields: (t) => ({
    productId: t.id(),
    channel: t.field({ type: ChannelEnum, description: 'Where the customer wrote (not INTERNAL).' }),
    customer: t.field({ type: CustomerContactInput }),
    subject: t.string({ validate: subjectRule }),
    body: t.string({ validate: messageBodyRule, description: "The customer's message." }),
    priority: t.field({ type: PriorityEnum, required: false, description: 'Defaults to MEDIUM.' }),
    attachments: t.field({
      type: [UploadRef],
      required: { list: false, items: true },
      description: "Files of the customer's message (GraphQL multipart request).",
    }),
  }),
});

builder.mutationField('createTicketFromCustomer', (t) =>
  t.prismaField({
    type: 'Ticket',
    description: 'A ticket a customer opened on a channel: their message is its first public message, and SLA clocks start.',
    args: { input: t.arg({ type: CreateTicketFromCustomerInput }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.ticket,
        query,
        createCustomerTicket(ctx, {
          productId: idOf(String(input.productId), 'Product', 'input.productId'),
          channel: input.channel,
          customer: input.customer,
          subject: input.subject,
          body: input.body,
          priority: input.priority,
          attachments: input.attachments,
        }).then((created) => created.ticket),
      ),
  }),
);

const AddCustomerMessageInput = builder.inputType('AddCustomerMessageInput', {
  fields: (t) => ({ ticketId: t.id(), body: t.string({ validate: messageBodyRule }) }),
});

builder.mutationField('addCustomerMessage', (t) =>
  t.field({
    type: TicketMessagePayload,
    description: "A further message from the ticket's customer; a resolved or closed ticket reopens.",
    args: { input: t.arg({ type: AddCustomerMessageInput }) },
    resolve: async (_root, { input }, ctx) => {
      const message = await addCustomerMessage(ctx, idOf(String(input.ticketId), 'Ticket', 'input.ticketId'), input.body);
      return { messageId: message.id, ticketId: message.ticketId };
    },
  }),
);
