// What the rule editors' pickers offer, read once per screen (urql's cache answers the second reader): products,
// teams, tags, statuses, folders, types, topics, custom fields and business calendars. Users are searched instead
// (there can be many).
import type { Client } from '@urql/svelte';
import { graphql } from '$lib/gql';
import type { ConditionChoices, TicketFieldType } from './conditions';

const Choices = graphql(`
  query ConditionChoices {
    products(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    teams(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    tags {
      id
      name
    }
    ticketStatuses {
      id
      name
    }
    folders {
      id
      name
    }
    ticketTypes {
      id
      name
    }
    ticketTopics {
      id
      name
      product {
        id
        name
      }
    }
    ticketFields {
      key
      name
      type
      options
    }
    businessCalendars {
      id
      name
      timeZone
      weeklyHours {
        day
        start
        end
      }
      holidays {
        name
        start
        end
        yearly
      }
    }
  }
`);

export const noChoices = (): ConditionChoices => ({ products: [], teams: [], tags: [], statuses: [], folders: [], types: [], topics: [], fields: [], calendars: [] });

export async function loadConditionChoices(client: Client): Promise<ConditionChoices | null> {
  const { data } = await client.query(Choices, {}).toPromise();
  if (!data) return null;
  const named = (list: { id: string; name: string }[]) => list.map((entry) => ({ value: entry.id, label: entry.name }));
  return {
    products: named(data.products.edges.map((edge) => edge.node)),
    teams: named(data.teams.edges.map((edge) => edge.node)),
    tags: named(data.tags),
    statuses: named(data.ticketStatuses),
    folders: named(data.folders),
    types: named(data.ticketTypes),
    topics: data.ticketTopics.map((topic) => ({ value: topic.id, label: `${topic.name} (${topic.product.name})` })),
    fields: data.ticketFields.map((field) => ({ ...field, type: field.type as TicketFieldType })),
    calendars: data.businessCalendars,
  };
}
