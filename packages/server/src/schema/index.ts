// Assembles the schema: each domain module registers its types and fields on import.
import { builder } from './builder.js';
import '../workspaces/schema.js';
import '../auth/schema.js';
import '../users/schema.js';
import '../teams/schema.js';
import '../products/schema.js';
import '../customers/schema.js';
import '../tokens/schema.js';
import '../events/schema.js';
import '../vocabularies/schema.js';
import '../customers/callback-schema.js';
import '../tickets/schema.js';
import '../templates/schema.js';
import '../canned/schema.js';
import '../tickets/bulk-schema.js';
import '../tickets/list-schema.js';
import '../tickets/events-schema.js';
import '../mail/schema.js';
import '../rules/schema.js';
import '../tickets/customer-messages-schema.js';
import '../calendar/schema.js';
import '../sla/policy-schema.js';
import '../sla/rules-schema.js';
import '../sla/schema.js';
import '../reports/schema.js';

export const schema = builder.toSchema({ sortSchema: true });
