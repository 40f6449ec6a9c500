/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n    mutation ConfigureChannelSettingsForm($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n        settings\n        secretsSet\n        receivePath\n      }\n    }\n  ": typeof types.ConfigureChannelSettingsFormDocument,
    "\n    query ChatCustomerDetails($id: ID!) {\n      conversation(id: $id) {\n        id\n        channel\n        createdAt\n        customer {\n          id\n          name\n          email\n          phone\n          whatsappNumber\n          facebookId\n          instagramId\n          group\n        }\n      }\n    }\n  ": typeof types.ChatCustomerDetailsDocument,
    "\n    query NewTicketOptions {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      ticketStatuses {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      tags {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  ": typeof types.NewTicketOptionsDocument,
    "\n    query NewTicketTemplates {\n      ticketTemplates(first: 100) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            customerName\n            customerEmail\n            priority\n            assigneeKind\n            product {\n              id\n            }\n            topic {\n              id\n            }\n            status {\n              id\n            }\n            assigneeUser {\n              id\n            }\n            assigneeTeam {\n              id\n            }\n            tags {\n              id\n            }\n          }\n        }\n      }\n    }\n  ": typeof types.NewTicketTemplatesDocument,
    "\n    query NewTicketTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  ": typeof types.NewTicketTopicsDocument,
    "\n    mutation CreateTicketOnBehalf($input: CreateTicketInput!) {\n      createTicket(input: $input) {\n        id\n        number\n      }\n    }\n  ": typeof types.CreateTicketOnBehalfDocument,
    "\n    mutation CreateTicketAndSaveTemplate($input: CreateTicketAndTemplateInput!) {\n      createTicketAndTemplate(input: $input) {\n        ticket {\n          id\n          number\n        }\n        template {\n          id\n        }\n      }\n    }\n  ": typeof types.CreateTicketAndSaveTemplateDocument,
    "\n    query TicketListCustomFields {\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  ": typeof types.TicketListCustomFieldsDocument,
    "\n    query CustomerContextPanel($customerId: ID!) {\n      customerContext(customerId: $customerId) {\n        cached\n        stale\n        staleReason\n        fields {\n          label\n          value\n        }\n      }\n    }\n  ": typeof types.CustomerContextPanelDocument,
    "\n    query LiveCounters($mine: TicketFilter!, $atRisk: TicketFilter!, $breached: TicketFilter!) {\n      mine: ticketCounts(filter: $mine) {\n        total\n      }\n      atRisk: ticketCounts(filter: $atRisk) {\n        total\n      }\n      breached: ticketCounts(filter: $breached) {\n        total\n      }\n    }\n  ": typeof types.LiveCountersDocument,
    "\n    subscription QueueCounter($productId: ID) {\n      chatQueue(productId: $productId) {\n        waiting\n        onlineAgents\n      }\n    }\n  ": typeof types.QueueCounterDocument,
    "\n    subscription CounterTicketEvents {\n      ticketEvents {\n        eventId\n      }\n    }\n  ": typeof types.CounterTicketEventsDocument,
    "\n    mutation SetMyPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n        changedAt\n      }\n    }\n  ": typeof types.SetMyPresenceDocument,
    "\n    subscription MyPresenceChanges {\n      workspaceEvents(types: [\"presence.changed\"]) {\n        id\n        payload\n      }\n    }\n  ": typeof types.MyPresenceChangesDocument,
    "\n    mutation SetProductAssigneesFromSettings($input: SetProductAssigneesInput!) {\n      setProductAssignees(input: $input) {\n        id\n        allowedUsers {\n          id\n          name\n        }\n        allowedTeams {\n          id\n          name\n        }\n      }\n    }\n  ": typeof types.SetProductAssigneesFromSettingsDocument,
    "\n    mutation ReplyToTicket($input: ReplyToTicketInput!) {\n      replyToTicket(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  ": typeof types.ReplyToTicketDocument,
    "\n    mutation AddPrivateNote($input: AddPrivateNoteInput!) {\n      addPrivateNote(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  ": typeof types.AddPrivateNoteDocument,
    "\n    query CannedResponseTitles {\n      cannedResponses(first: 100) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  ": typeof types.CannedResponseTitlesDocument,
    "\n    query RenderCannedResponse($id: ID!, $ticketId: ID!) {\n      renderCannedResponse(id: $id, ticketId: $ticketId)\n    }\n  ": typeof types.RenderCannedResponseDocument,
    "\n    query Shell {\n      viewer {\n        role\n        user {\n          id\n          name\n          presence {\n            id\n            status\n            changedAt\n          }\n        }\n        workspace {\n          id\n          name\n          timeZone\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": typeof types.ShellDocument,
    "\n    fragment SlaCountdownTarget on SlaTarget {\n      id\n      metric\n      status\n      running\n      dueAt\n      warnAt\n      breachedAt\n      completedAt\n      remainingSeconds\n      targetMinutes\n    }\n  ": typeof types.SlaCountdownTargetFragmentDoc,
    "\n    fragment TicketAssignmentOfTicket on Ticket {\n      id\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  ": typeof types.TicketAssignmentOfTicketFragmentDoc,
    "\n    mutation AssignTicket($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  ": typeof types.AssignTicketDocument,
    "\n    fragment TicketAttachmentsOfTicket on Ticket {\n      attachments {\n        id\n        fileName\n        size\n        url\n      }\n    }\n  ": typeof types.TicketAttachmentsOfTicketFragmentDoc,
    "\n    fragment TicketConversationMessages on Ticket {\n      customer {\n        id\n        name\n      }\n      messages(last: 100) {\n        edges {\n          node {\n            id\n            body\n            author\n            authorKind\n            visibility\n            createdAt\n          }\n        }\n      }\n    }\n  ": typeof types.TicketConversationMessagesFragmentDoc,
    "\n    fragment TicketCustomFieldsOfTicket on Ticket {\n      id\n      customFields {\n        key\n        value\n      }\n    }\n  ": typeof types.TicketCustomFieldsOfTicketFragmentDoc,
    "\n    mutation SetTicketCustomField($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n        customFields {\n          key\n          value\n        }\n      }\n    }\n  ": typeof types.SetTicketCustomFieldDocument,
    "\n    fragment TicketDetailsOfTicket on Ticket {\n      id\n      priority\n      channel\n      createdAt\n      mergedInto {\n        id\n      }\n      status {\n        id\n        name\n        category\n      }\n      product {\n        id\n        name\n      }\n      customer {\n        id\n        name\n        email\n        phone\n      }\n    }\n  ": typeof types.TicketDetailsOfTicketFragmentDoc,
    "\n    mutation UpdateTicketFields($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTicketFieldsDocument,
    "\n    fragment TicketHistoryEntries on Ticket {\n      history(last: 50) {\n        edges {\n          node {\n            id\n            field\n            fromValue\n            toValue\n            actor\n            createdAt\n          }\n        }\n      }\n    }\n  ": typeof types.TicketHistoryEntriesFragmentDoc,
    "\n    fragment TicketMergeOfTicket on Ticket {\n      id\n      number\n      mergedInto {\n        id\n      }\n    }\n  ": typeof types.TicketMergeOfTicketFragmentDoc,
    "\n    query MergeTargetSearch($filter: TicketFilter!) {\n      tickets(first: 8, filter: $filter) {\n        edges {\n          node {\n            id\n            number\n            subject\n            status {\n              name\n            }\n            customer {\n              name\n            }\n          }\n        }\n      }\n    }\n  ": typeof types.MergeTargetSearchDocument,
    "\n    mutation MergeTicketInto($input: MergeTicketsInput!) {\n      mergeTickets(input: $input) {\n        sourceTicket {\n          id\n        }\n        targetTicket {\n          id\n          number\n        }\n      }\n    }\n  ": typeof types.MergeTicketIntoDocument,
    "\n    fragment TicketMergedNoticeOfTicket on Ticket {\n      mergedInto {\n        id\n        number\n        subject\n      }\n      mergedTickets {\n        id\n        number\n      }\n    }\n  ": typeof types.TicketMergedNoticeOfTicketFragmentDoc,
    "\n    fragment TicketRowFields on Ticket {\n      id\n      number\n      subject\n      priority\n      channel\n      updatedAt\n      slaNextDueAt\n      status {\n        id\n        name\n        category\n      }\n      customer {\n        id\n        name\n      }\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  ": typeof types.TicketRowFieldsFragmentDoc,
    "\n    fragment TicketTagsOfTicket on Ticket {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  ": typeof types.TicketTagsOfTicketFragmentDoc,
    "\n    mutation ChangeTicketTags($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  ": typeof types.ChangeTicketTagsDocument,
    "\n    query TemplateEditorChoices {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": typeof types.TemplateEditorChoicesDocument,
    "\n    query TemplateEditorTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  ": typeof types.TemplateEditorTopicsDocument,
    "\n    mutation UpdateTemplateFromSettings($input: UpdateTicketTemplateInput!) {\n      updateTicketTemplate(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTemplateFromSettingsDocument,
    "\n    query ConditionUserSearch($search: String) {\n      users(first: 20, search: $search) {\n        edges {\n          node {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  ": typeof types.ConditionUserSearchDocument,
    "\n    query ConditionUserName($id: ID!) {\n      node(id: $id) {\n        ... on User {\n          id\n          name\n          email\n        }\n      }\n    }\n  ": typeof types.ConditionUserNameDocument,
    "\n  query ConditionChoices {\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    teams(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    tags {\n      id\n      name\n    }\n    ticketStatuses {\n      id\n      name\n    }\n    folders {\n      id\n      name\n    }\n    ticketTypes {\n      id\n      name\n    }\n    ticketTopics {\n      id\n      name\n      product {\n        id\n        name\n      }\n    }\n    ticketFields {\n      key\n      name\n      type\n      options\n    }\n    businessCalendars {\n      id\n      name\n      timeZone\n      weeklyHours {\n        day\n        start\n        end\n      }\n      holidays {\n        name\n        start\n        end\n        yearly\n      }\n    }\n  }\n": typeof types.ConditionChoicesDocument,
    "\n    query ChatConsoleList($filter: ConversationFilter) {\n      conversations(first: 50, filter: $filter) {\n        edges {\n          node {\n            id\n            status\n            channel\n            lastMessageAt\n            customer {\n              id\n              name\n            }\n            assigneeUser {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  ": typeof types.ChatConsoleListDocument,
    "\n    query ChatConsoleConversation($id: ID!) {\n      conversation(id: $id) {\n        id\n        status\n        channel\n        customer {\n          id\n          name\n          email\n        }\n        product {\n          id\n        }\n        topic {\n          id\n          name\n        }\n        reactivatableUntil\n        assigneeUser {\n          id\n          name\n        }\n        ticket {\n          id\n          number\n        }\n        messages(last: 100) {\n          edges {\n            node {\n              id\n              kind\n              body\n              author\n              authorKind\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  ": typeof types.ChatConsoleConversationDocument,
    "\n    query ChatConsoleTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": typeof types.ChatConsoleTopicsDocument,
    "\n    subscription ChatConsoleChanges($productId: ID) {\n      conversationEvents(productId: $productId) {\n        eventId\n        type\n        conversation {\n          id\n        }\n      }\n    }\n  ": typeof types.ChatConsoleChangesDocument,
    "\n    mutation ChatConsoleSend($input: SendConversationMessageInput!) {\n      sendConversationMessage(input: $input) {\n        id\n      }\n    }\n  ": typeof types.ChatConsoleSendDocument,
    "\n    mutation ChatConsoleResolve($input: ResolveConversationInput!) {\n      resolveConversation(input: $input) {\n        id\n        status\n      }\n    }\n  ": typeof types.ChatConsoleResolveDocument,
    "\n    mutation ChatConsoleTransfer($input: TransferConversationInput!) {\n      transferConversation(input: $input) {\n        id\n      }\n    }\n  ": typeof types.ChatConsoleTransferDocument,
    "\n    mutation ChatConsoleReactivate($input: ReactivateConversationInput!) {\n      reactivateConversation(input: $input) {\n        id\n        status\n      }\n    }\n  ": typeof types.ChatConsoleReactivateDocument,
    "\n    mutation ChatConsoleConvert($input: ConvertConversationToTicketInput!) {\n      convertConversationToTicket(input: $input) {\n        ticket {\n          id\n          number\n        }\n      }\n    }\n  ": typeof types.ChatConsoleConvertDocument,
    "\n    query ChatArchiveOptions {\n      ticketTopics {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": typeof types.ChatArchiveOptionsDocument,
    "\n    subscription CockpitRows($productId: ID, $channel: Channel, $search: String) {\n      cockpit(productId: $productId, channel: $channel, search: $search) {\n        name\n        status\n        statusChangedAt\n        activeConversations\n        averageFirstResponseSeconds\n        averageResolutionSeconds\n        resolvedToday\n        reactivatedToday\n        transferredToday\n        user {\n          id\n        }\n      }\n    }\n  ": typeof types.CockpitRowsDocument,
    "\n    mutation SetAgentPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n      }\n    }\n  ": typeof types.SetAgentPresenceDocument,
    "\n    query SlaCompliance($filter: SlaReportFilter!, $interval: SlaReportInterval) {\n      slaComplianceReport(filter: $filter, interval: $interval) {\n        timeZone\n        rows {\n          bucket\n          policyName\n          metric\n          met\n          missed\n          successRate\n          targetRate\n        }\n        totals {\n          policyName\n          metric\n          met\n          missed\n          pending\n          successRate\n          targetRate\n          shortOfTarget\n          metAvgMinutes\n          missedAvgMinutes\n        }\n      }\n    }\n  ": typeof types.SlaComplianceDocument,
    "\n    query SlaLogPage($filter: SlaReportFilter!, $after: String) {\n      slaLog(filter: $filter, first: 50, after: $after) {\n        edges {\n          node {\n            ticketNumber\n            ticket {\n              id\n            }\n            requester {\n              name\n            }\n            agent {\n              name\n            }\n            metric\n            startedAt\n            dueAt\n            completedAt\n            result\n            remainingSeconds\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": typeof types.SlaLogPageDocument,
    "\n    query TicketVolume($filter: TicketVolumeFilter!, $interval: TicketVolumeInterval, $groupBy: [TicketVolumeDimension!]) {\n      ticketVolumeReport(filter: $filter, interval: $interval, groupBy: $groupBy) {\n        timeZone\n        buckets\n        rows {\n          bucket\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n        totals {\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n      }\n    }\n  ": typeof types.TicketVolumeDocument,
    "\n    query CalendarSettings {\n      businessCalendars {\n        id\n        name\n        description\n        timeZone\n        twentyFourSeven\n        weeklyHours {\n          day\n          start\n          end\n        }\n        holidays {\n          name\n          start\n          end\n          yearly\n        }\n      }\n    }\n  ": typeof types.CalendarSettingsDocument,
    "\n    mutation CreateBusinessCalendarFromSettings($input: CreateBusinessCalendarInput!) {\n      createBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateBusinessCalendarFromSettingsDocument,
    "\n    mutation UpdateBusinessCalendarFromSettings($input: UpdateBusinessCalendarInput!) {\n      updateBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateBusinessCalendarFromSettingsDocument,
    "\n    mutation DeleteBusinessCalendarFromSettings($id: ID!) {\n      deleteBusinessCalendar(id: $id)\n    }\n  ": typeof types.DeleteBusinessCalendarFromSettingsDocument,
    "\n    query TicketFieldsSettings {\n      ticketFields {\n        id\n        key\n        name\n        type\n        options\n        required\n        position\n      }\n    }\n  ": typeof types.TicketFieldsSettingsDocument,
    "\n    mutation CreateTicketFieldFromSettings($input: CreateTicketFieldInput!) {\n      createTicketField(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateTicketFieldFromSettingsDocument,
    "\n    mutation UpdateTicketFieldFromSettings($input: UpdateTicketFieldInput!) {\n      updateTicketField(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTicketFieldFromSettingsDocument,
    "\n    mutation DeleteTicketFieldFromSettings($id: ID!) {\n      deleteTicketField(id: $id)\n    }\n  ": typeof types.DeleteTicketFieldFromSettingsDocument,
    "\n    query OrganisationSettings($teamsAfter: String) {\n      teams(first: 25, after: $teamsAfter) {\n        edges {\n          node {\n            id\n            name\n            members {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n            allowedUsers {\n              id\n              name\n            }\n            allowedTeams {\n              id\n              name\n            }\n            channels {\n              id\n              channel\n              enabled\n              settings\n              secretsSet\n              receivePath\n            }\n          }\n        }\n      }\n      assigneeTeams: teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": typeof types.OrganisationSettingsDocument,
    "\n    mutation CreateTeamFromSettings($input: CreateTeamInput!) {\n      createTeam(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateTeamFromSettingsDocument,
    "\n    mutation UpdateTeamFromSettings($input: UpdateTeamInput!) {\n      updateTeam(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTeamFromSettingsDocument,
    "\n    mutation DeleteTeamFromSettings($id: ID!) {\n      deleteTeam(id: $id)\n    }\n  ": typeof types.DeleteTeamFromSettingsDocument,
    "\n    mutation CreateProductFromSettings($input: CreateProductInput!) {\n      createProduct(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateProductFromSettingsDocument,
    "\n    mutation UpdateProductFromSettings($input: UpdateProductInput!) {\n      updateProduct(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateProductFromSettingsDocument,
    "\n    mutation ConfigureChannelFromSettings($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n      }\n    }\n  ": typeof types.ConfigureChannelFromSettingsDocument,
    "\n    query CannedResponsesSettings($first: Int!, $after: String, $search: String) {\n      cannedResponses(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            title\n            body\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": typeof types.CannedResponsesSettingsDocument,
    "\n    query TemplatesSettings($first: Int!, $after: String, $search: String) {\n      ticketTemplates(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            priority\n            product {\n              id\n              name\n            }\n            topic {\n              id\n            }\n            assigneeKind\n            assigneeUser {\n              id\n              name\n            }\n            assigneeTeam {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": typeof types.TemplatesSettingsDocument,
    "\n    mutation CreateCannedFromSettings($input: CreateCannedResponseInput!) {\n      createCannedResponse(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateCannedFromSettingsDocument,
    "\n    mutation UpdateCannedFromSettings($input: UpdateCannedResponseInput!) {\n      updateCannedResponse(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateCannedFromSettingsDocument,
    "\n    mutation DeleteCannedFromSettings($id: ID!) {\n      deleteCannedResponse(id: $id)\n    }\n  ": typeof types.DeleteCannedFromSettingsDocument,
    "\n    mutation DeleteTemplateFromSettings($id: ID!) {\n      deleteTicketTemplate(id: $id)\n    }\n  ": typeof types.DeleteTemplateFromSettingsDocument,
    "\n    query TicketRules {\n      rules {\n        id\n        name\n        enabled\n        position\n        triggers\n        conditions {\n          kind\n          config\n        }\n        actions {\n          kind\n          config\n        }\n      }\n      ruleKinds {\n        actions {\n          kind\n        }\n      }\n    }\n  ": typeof types.TicketRulesDocument,
    "\n    mutation DeleteTicketRuleFromSettings($id: ID!) {\n      deleteRule(id: $id)\n    }\n  ": typeof types.DeleteTicketRuleFromSettingsDocument,
    "\n    mutation ReorderTicketRulesFromSettings($ids: [ID!]!) {\n      reorderRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  ": typeof types.ReorderTicketRulesFromSettingsDocument,
    "\n    mutation CreateTicketRuleFromSettings($input: CreateRuleInput!) {\n      createRule(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateTicketRuleFromSettingsDocument,
    "\n    mutation UpdateTicketRuleFromSettings($input: UpdateRuleInput!) {\n      updateRule(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTicketRuleFromSettingsDocument,
    "\n    query SlaSettings {\n      slaPolicies {\n        id\n        name\n        description\n        targetRate\n        warnAtPercent\n        pauseWhenPending\n        priorities\n        channels\n        calendar {\n          id\n          name\n        }\n        products {\n          id\n          name\n        }\n        targets {\n          metric\n          minutes\n        }\n      }\n      slaRules {\n        id\n        name\n        enabled\n        triggers\n        stopOtherRules\n        conditions\n        policy {\n          id\n          name\n        }\n      }\n      businessCalendars {\n        id\n        name\n      }\n    }\n  ": typeof types.SlaSettingsDocument,
    "\n    mutation DeleteSlaPolicyFromSettings($id: ID!) {\n      deleteSlaPolicy(id: $id)\n    }\n  ": typeof types.DeleteSlaPolicyFromSettingsDocument,
    "\n    mutation DeleteSlaRuleFromSettings($id: ID!) {\n      deleteSlaRule(id: $id)\n    }\n  ": typeof types.DeleteSlaRuleFromSettingsDocument,
    "\n    mutation ReorderSlaRulesFromSettings($ids: [ID!]!) {\n      reorderSlaRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  ": typeof types.ReorderSlaRulesFromSettingsDocument,
    "\n    mutation CreateSlaPolicyFromSettings($input: CreateSlaPolicyInput!) {\n      createSlaPolicy(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateSlaPolicyFromSettingsDocument,
    "\n    mutation UpdateSlaPolicyFromSettings($input: UpdateSlaPolicyInput!) {\n      updateSlaPolicy(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateSlaPolicyFromSettingsDocument,
    "\n    mutation CreateSlaRuleFromSettings($input: CreateSlaRuleInput!) {\n      createSlaRule(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateSlaRuleFromSettingsDocument,
    "\n    mutation UpdateSlaRuleFromSettings($input: UpdateSlaRuleInput!) {\n      updateSlaRule(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateSlaRuleFromSettingsDocument,
    "\n    query UsersSettings($first: Int!, $after: String, $search: String, $includeDeactivated: Boolean) {\n      users(first: $first, after: $after, search: $search, includeDeactivated: $includeDeactivated) {\n        edges {\n          node {\n            id\n            name\n            email\n            role\n            active\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": typeof types.UsersSettingsDocument,
    "\n    query ApiTokensSettings {\n      apiTokens(first: 100, includeRevoked: true) {\n        edges {\n          node {\n            id\n            name\n            prefix\n            scopes\n            createdAt\n            lastUsedAt\n            expiresAt\n            revokedAt\n          }\n        }\n      }\n    }\n  ": typeof types.ApiTokensSettingsDocument,
    "\n    mutation CreateUserFromSettings($input: CreateUserInput!) {\n      createUser(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateUserFromSettingsDocument,
    "\n    mutation UpdateUserRoleFromSettings($input: UpdateUserInput!) {\n      updateUser(input: $input) {\n        id\n        role\n      }\n    }\n  ": typeof types.UpdateUserRoleFromSettingsDocument,
    "\n    mutation DeactivateUserFromSettings($id: ID!) {\n      deactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  ": typeof types.DeactivateUserFromSettingsDocument,
    "\n    mutation ReactivateUserFromSettings($id: ID!) {\n      reactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  ": typeof types.ReactivateUserFromSettingsDocument,
    "\n    mutation CreateApiTokenFromSettings($input: CreateApiTokenInput!) {\n      createApiToken(input: $input) {\n        secret\n        apiToken {\n          id\n          name\n        }\n      }\n    }\n  ": typeof types.CreateApiTokenFromSettingsDocument,
    "\n    mutation RevokeApiTokenFromSettings($id: ID!) {\n      revokeApiToken(id: $id) {\n        id\n        revokedAt\n      }\n    }\n  ": typeof types.RevokeApiTokenFromSettingsDocument,
    "\n    query VocabularySettings {\n      ticketStatuses {\n        id\n        name\n        category\n        position\n        isDefault\n      }\n      tags {\n        id\n        name\n        color\n      }\n      ticketTypes {\n        id\n        name\n      }\n      ticketTopics {\n        id\n        name\n        product {\n          id\n          name\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": typeof types.VocabularySettingsDocument,
    "\n    mutation CreateTypeFromSettings($input: CreateTicketTypeInput!) {\n      createTicketType(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateTypeFromSettingsDocument,
    "\n    mutation UpdateTypeFromSettings($input: UpdateTicketTypeInput!) {\n      updateTicketType(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTypeFromSettingsDocument,
    "\n    mutation DeleteTypeFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketType(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": typeof types.DeleteTypeFromSettingsDocument,
    "\n    mutation CreateTopicFromSettings($input: CreateTicketTopicInput!) {\n      createTicketTopic(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateTopicFromSettingsDocument,
    "\n    mutation UpdateTopicFromSettings($input: UpdateTicketTopicInput!) {\n      updateTicketTopic(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTopicFromSettingsDocument,
    "\n    mutation DeleteTopicFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketTopic(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": typeof types.DeleteTopicFromSettingsDocument,
    "\n    mutation CreateStatusFromSettings($input: CreateTicketStatusInput!) {\n      createTicketStatus(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateStatusFromSettingsDocument,
    "\n    mutation UpdateStatusFromSettings($input: UpdateTicketStatusInput!) {\n      updateTicketStatus(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateStatusFromSettingsDocument,
    "\n    mutation DeleteStatusFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketStatus(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": typeof types.DeleteStatusFromSettingsDocument,
    "\n    mutation CreateTagFromSettings($input: CreateTagInput!) {\n      createTag(input: $input) {\n        id\n      }\n    }\n  ": typeof types.CreateTagFromSettingsDocument,
    "\n    mutation UpdateTagFromSettings($input: UpdateTagInput!) {\n      updateTag(input: $input) {\n        id\n      }\n    }\n  ": typeof types.UpdateTagFromSettingsDocument,
    "\n    mutation DeleteTagFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTag(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": typeof types.DeleteTagFromSettingsDocument,
    "\n    mutation SignIn($email: String!, $password: String!) {\n      login(email: $email, password: $password) {\n        token\n        expiresAt\n      }\n    }\n  ": typeof types.SignInDocument,
    "\n    query TicketList($first: Int, $after: String, $last: Int, $before: String, $filter: TicketFilter, $sort: TicketSort, $viewId: ID) {\n      tickets(first: $first, after: $after, last: $last, before: $before, filter: $filter, sort: $sort, viewId: $viewId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...TicketRowFields\n          }\n        }\n      }\n    }\n  ": typeof types.TicketListDocument,
    "\n    query TicketListLookups {\n      ticketStatuses {\n        id\n        name\n      }\n      tags {\n        id\n        name\n      }\n      savedViews {\n        id\n        name\n      }\n    }\n  ": typeof types.TicketListLookupsDocument,
    "\n    mutation BulkUpdateTickets($input: BulkUpdateTicketsInput!) {\n      bulkUpdateTickets(input: $input) {\n        ok\n        updatedCount\n        results {\n          ticketId\n          ok\n          error {\n            message\n          }\n        }\n      }\n    }\n  ": typeof types.BulkUpdateTicketsDocument,
    "\n    mutation SaveTicketView($input: CreateSavedViewInput!) {\n      createSavedView(input: $input) {\n        id\n        name\n      }\n    }\n  ": typeof types.SaveTicketViewDocument,
    "\n    subscription TicketListChanges($filter: TicketEventFilter) {\n      ticketEvents(filter: $filter) {\n        eventId\n        kind\n        matchesFilter\n        ticket {\n          id\n          ...TicketRowFields\n        }\n      }\n    }\n  ": typeof types.TicketListChangesDocument,
    "\n    query TicketPage($id: ID!) {\n      ticket(id: $id) {\n        id\n        number\n        subject\n        mergedInto {\n          id\n        }\n        customer {\n          id\n        }\n        slaPolicy {\n          id\n          name\n        }\n        slaTargets {\n          id\n          ...SlaCountdownTarget\n        }\n        ...TicketDetailsOfTicket\n        ...TicketConversationMessages\n        ...TicketHistoryEntries\n        ...TicketTagsOfTicket\n        ...TicketAssignmentOfTicket\n        ...TicketAttachmentsOfTicket\n        ...TicketCustomFieldsOfTicket\n        ...TicketMergeOfTicket\n        ...TicketMergedNoticeOfTicket\n      }\n    }\n  ": typeof types.TicketPageDocument,
    "\n    query TicketPageLookups {\n      ticketStatuses {\n        id\n        name\n        category\n      }\n      tags {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      slaPolicies {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  ": typeof types.TicketPageLookupsDocument,
    "\n    subscription TicketPageChanges($id: ID!) {\n      ticketEvents(filter: { ticketIds: [$id] }) {\n        eventId\n        kind\n      }\n    }\n  ": typeof types.TicketPageChangesDocument,
    "\n    subscription TicketSlaClock($id: ID!) {\n      slaClock(ticketId: $id, everySeconds: 30) {\n        at\n        targets {\n          id\n          ...SlaCountdownTarget\n        }\n      }\n    }\n  ": typeof types.TicketSlaClockDocument,
    "\n    fragment VisitorChatConversation on VisitorConversation {\n      id\n      status\n      agent {\n        name\n        status\n      }\n      messages(last: 100) {\n        id\n        body\n        mine\n        authorKind\n        authorName\n        createdAt\n      }\n    }\n  ": typeof types.VisitorChatConversationFragmentDoc,
    "\n    mutation VisitorStartSession($input: StartVisitorSessionInput!) {\n      startVisitorSession(input: $input) {\n        token\n      }\n    }\n  ": typeof types.VisitorStartSessionDocument,
    "\n    mutation VisitorStartChat($input: VisitorStartConversationInput!) {\n      visitorStartConversation(input: $input) {\n        ...VisitorChatConversation\n      }\n    }\n  ": typeof types.VisitorStartChatDocument,
    "\n    mutation VisitorSend($input: VisitorSendMessageInput!) {\n      visitorSendMessage(input: $input) {\n        id\n      }\n    }\n  ": typeof types.VisitorSendDocument,
    "\n    mutation VisitorEnd($input: VisitorEndConversationInput!) {\n      visitorEndConversation(input: $input) {\n        id\n      }\n    }\n  ": typeof types.VisitorEndDocument,
    "\n    subscription VisitorChatLive($id: ID!) {\n      visitorConversationEvents(conversationId: $id) {\n        kind\n        conversation {\n          ...VisitorChatConversation\n        }\n      }\n    }\n  ": typeof types.VisitorChatLiveDocument,
};
const documents: Documents = {
    "\n    mutation ConfigureChannelSettingsForm($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n        settings\n        secretsSet\n        receivePath\n      }\n    }\n  ": types.ConfigureChannelSettingsFormDocument,
    "\n    query ChatCustomerDetails($id: ID!) {\n      conversation(id: $id) {\n        id\n        channel\n        createdAt\n        customer {\n          id\n          name\n          email\n          phone\n          whatsappNumber\n          facebookId\n          instagramId\n          group\n        }\n      }\n    }\n  ": types.ChatCustomerDetailsDocument,
    "\n    query NewTicketOptions {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      ticketStatuses {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      tags {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  ": types.NewTicketOptionsDocument,
    "\n    query NewTicketTemplates {\n      ticketTemplates(first: 100) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            customerName\n            customerEmail\n            priority\n            assigneeKind\n            product {\n              id\n            }\n            topic {\n              id\n            }\n            status {\n              id\n            }\n            assigneeUser {\n              id\n            }\n            assigneeTeam {\n              id\n            }\n            tags {\n              id\n            }\n          }\n        }\n      }\n    }\n  ": types.NewTicketTemplatesDocument,
    "\n    query NewTicketTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  ": types.NewTicketTopicsDocument,
    "\n    mutation CreateTicketOnBehalf($input: CreateTicketInput!) {\n      createTicket(input: $input) {\n        id\n        number\n      }\n    }\n  ": types.CreateTicketOnBehalfDocument,
    "\n    mutation CreateTicketAndSaveTemplate($input: CreateTicketAndTemplateInput!) {\n      createTicketAndTemplate(input: $input) {\n        ticket {\n          id\n          number\n        }\n        template {\n          id\n        }\n      }\n    }\n  ": types.CreateTicketAndSaveTemplateDocument,
    "\n    query TicketListCustomFields {\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  ": types.TicketListCustomFieldsDocument,
    "\n    query CustomerContextPanel($customerId: ID!) {\n      customerContext(customerId: $customerId) {\n        cached\n        stale\n        staleReason\n        fields {\n          label\n          value\n        }\n      }\n    }\n  ": types.CustomerContextPanelDocument,
    "\n    query LiveCounters($mine: TicketFilter!, $atRisk: TicketFilter!, $breached: TicketFilter!) {\n      mine: ticketCounts(filter: $mine) {\n        total\n      }\n      atRisk: ticketCounts(filter: $atRisk) {\n        total\n      }\n      breached: ticketCounts(filter: $breached) {\n        total\n      }\n    }\n  ": types.LiveCountersDocument,
    "\n    subscription QueueCounter($productId: ID) {\n      chatQueue(productId: $productId) {\n        waiting\n        onlineAgents\n      }\n    }\n  ": types.QueueCounterDocument,
    "\n    subscription CounterTicketEvents {\n      ticketEvents {\n        eventId\n      }\n    }\n  ": types.CounterTicketEventsDocument,
    "\n    mutation SetMyPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n        changedAt\n      }\n    }\n  ": types.SetMyPresenceDocument,
    "\n    subscription MyPresenceChanges {\n      workspaceEvents(types: [\"presence.changed\"]) {\n        id\n        payload\n      }\n    }\n  ": types.MyPresenceChangesDocument,
    "\n    mutation SetProductAssigneesFromSettings($input: SetProductAssigneesInput!) {\n      setProductAssignees(input: $input) {\n        id\n        allowedUsers {\n          id\n          name\n        }\n        allowedTeams {\n          id\n          name\n        }\n      }\n    }\n  ": types.SetProductAssigneesFromSettingsDocument,
    "\n    mutation ReplyToTicket($input: ReplyToTicketInput!) {\n      replyToTicket(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  ": types.ReplyToTicketDocument,
    "\n    mutation AddPrivateNote($input: AddPrivateNoteInput!) {\n      addPrivateNote(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  ": types.AddPrivateNoteDocument,
    "\n    query CannedResponseTitles {\n      cannedResponses(first: 100) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  ": types.CannedResponseTitlesDocument,
    "\n    query RenderCannedResponse($id: ID!, $ticketId: ID!) {\n      renderCannedResponse(id: $id, ticketId: $ticketId)\n    }\n  ": types.RenderCannedResponseDocument,
    "\n    query Shell {\n      viewer {\n        role\n        user {\n          id\n          name\n          presence {\n            id\n            status\n            changedAt\n          }\n        }\n        workspace {\n          id\n          name\n          timeZone\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": types.ShellDocument,
    "\n    fragment SlaCountdownTarget on SlaTarget {\n      id\n      metric\n      status\n      running\n      dueAt\n      warnAt\n      breachedAt\n      completedAt\n      remainingSeconds\n      targetMinutes\n    }\n  ": types.SlaCountdownTargetFragmentDoc,
    "\n    fragment TicketAssignmentOfTicket on Ticket {\n      id\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  ": types.TicketAssignmentOfTicketFragmentDoc,
    "\n    mutation AssignTicket($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  ": types.AssignTicketDocument,
    "\n    fragment TicketAttachmentsOfTicket on Ticket {\n      attachments {\n        id\n        fileName\n        size\n        url\n      }\n    }\n  ": types.TicketAttachmentsOfTicketFragmentDoc,
    "\n    fragment TicketConversationMessages on Ticket {\n      customer {\n        id\n        name\n      }\n      messages(last: 100) {\n        edges {\n          node {\n            id\n            body\n            author\n            authorKind\n            visibility\n            createdAt\n          }\n        }\n      }\n    }\n  ": types.TicketConversationMessagesFragmentDoc,
    "\n    fragment TicketCustomFieldsOfTicket on Ticket {\n      id\n      customFields {\n        key\n        value\n      }\n    }\n  ": types.TicketCustomFieldsOfTicketFragmentDoc,
    "\n    mutation SetTicketCustomField($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n        customFields {\n          key\n          value\n        }\n      }\n    }\n  ": types.SetTicketCustomFieldDocument,
    "\n    fragment TicketDetailsOfTicket on Ticket {\n      id\n      priority\n      channel\n      createdAt\n      mergedInto {\n        id\n      }\n      status {\n        id\n        name\n        category\n      }\n      product {\n        id\n        name\n      }\n      customer {\n        id\n        name\n        email\n        phone\n      }\n    }\n  ": types.TicketDetailsOfTicketFragmentDoc,
    "\n    mutation UpdateTicketFields($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTicketFieldsDocument,
    "\n    fragment TicketHistoryEntries on Ticket {\n      history(last: 50) {\n        edges {\n          node {\n            id\n            field\n            fromValue\n            toValue\n            actor\n            createdAt\n          }\n        }\n      }\n    }\n  ": types.TicketHistoryEntriesFragmentDoc,
    "\n    fragment TicketMergeOfTicket on Ticket {\n      id\n      number\n      mergedInto {\n        id\n      }\n    }\n  ": types.TicketMergeOfTicketFragmentDoc,
    "\n    query MergeTargetSearch($filter: TicketFilter!) {\n      tickets(first: 8, filter: $filter) {\n        edges {\n          node {\n            id\n            number\n            subject\n            status {\n              name\n            }\n            customer {\n              name\n            }\n          }\n        }\n      }\n    }\n  ": types.MergeTargetSearchDocument,
    "\n    mutation MergeTicketInto($input: MergeTicketsInput!) {\n      mergeTickets(input: $input) {\n        sourceTicket {\n          id\n        }\n        targetTicket {\n          id\n          number\n        }\n      }\n    }\n  ": types.MergeTicketIntoDocument,
    "\n    fragment TicketMergedNoticeOfTicket on Ticket {\n      mergedInto {\n        id\n        number\n        subject\n      }\n      mergedTickets {\n        id\n        number\n      }\n    }\n  ": types.TicketMergedNoticeOfTicketFragmentDoc,
    "\n    fragment TicketRowFields on Ticket {\n      id\n      number\n      subject\n      priority\n      channel\n      updatedAt\n      slaNextDueAt\n      status {\n        id\n        name\n        category\n      }\n      customer {\n        id\n        name\n      }\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  ": types.TicketRowFieldsFragmentDoc,
    "\n    fragment TicketTagsOfTicket on Ticket {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  ": types.TicketTagsOfTicketFragmentDoc,
    "\n    mutation ChangeTicketTags($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  ": types.ChangeTicketTagsDocument,
    "\n    query TemplateEditorChoices {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": types.TemplateEditorChoicesDocument,
    "\n    query TemplateEditorTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  ": types.TemplateEditorTopicsDocument,
    "\n    mutation UpdateTemplateFromSettings($input: UpdateTicketTemplateInput!) {\n      updateTicketTemplate(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTemplateFromSettingsDocument,
    "\n    query ConditionUserSearch($search: String) {\n      users(first: 20, search: $search) {\n        edges {\n          node {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  ": types.ConditionUserSearchDocument,
    "\n    query ConditionUserName($id: ID!) {\n      node(id: $id) {\n        ... on User {\n          id\n          name\n          email\n        }\n      }\n    }\n  ": types.ConditionUserNameDocument,
    "\n  query ConditionChoices {\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    teams(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    tags {\n      id\n      name\n    }\n    ticketStatuses {\n      id\n      name\n    }\n    folders {\n      id\n      name\n    }\n    ticketTypes {\n      id\n      name\n    }\n    ticketTopics {\n      id\n      name\n      product {\n        id\n        name\n      }\n    }\n    ticketFields {\n      key\n      name\n      type\n      options\n    }\n    businessCalendars {\n      id\n      name\n      timeZone\n      weeklyHours {\n        day\n        start\n        end\n      }\n      holidays {\n        name\n        start\n        end\n        yearly\n      }\n    }\n  }\n": types.ConditionChoicesDocument,
    "\n    query ChatConsoleList($filter: ConversationFilter) {\n      conversations(first: 50, filter: $filter) {\n        edges {\n          node {\n            id\n            status\n            channel\n            lastMessageAt\n            customer {\n              id\n              name\n            }\n            assigneeUser {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  ": types.ChatConsoleListDocument,
    "\n    query ChatConsoleConversation($id: ID!) {\n      conversation(id: $id) {\n        id\n        status\n        channel\n        customer {\n          id\n          name\n          email\n        }\n        product {\n          id\n        }\n        topic {\n          id\n          name\n        }\n        reactivatableUntil\n        assigneeUser {\n          id\n          name\n        }\n        ticket {\n          id\n          number\n        }\n        messages(last: 100) {\n          edges {\n            node {\n              id\n              kind\n              body\n              author\n              authorKind\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  ": types.ChatConsoleConversationDocument,
    "\n    query ChatConsoleTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": types.ChatConsoleTopicsDocument,
    "\n    subscription ChatConsoleChanges($productId: ID) {\n      conversationEvents(productId: $productId) {\n        eventId\n        type\n        conversation {\n          id\n        }\n      }\n    }\n  ": types.ChatConsoleChangesDocument,
    "\n    mutation ChatConsoleSend($input: SendConversationMessageInput!) {\n      sendConversationMessage(input: $input) {\n        id\n      }\n    }\n  ": types.ChatConsoleSendDocument,
    "\n    mutation ChatConsoleResolve($input: ResolveConversationInput!) {\n      resolveConversation(input: $input) {\n        id\n        status\n      }\n    }\n  ": types.ChatConsoleResolveDocument,
    "\n    mutation ChatConsoleTransfer($input: TransferConversationInput!) {\n      transferConversation(input: $input) {\n        id\n      }\n    }\n  ": types.ChatConsoleTransferDocument,
    "\n    mutation ChatConsoleReactivate($input: ReactivateConversationInput!) {\n      reactivateConversation(input: $input) {\n        id\n        status\n      }\n    }\n  ": types.ChatConsoleReactivateDocument,
    "\n    mutation ChatConsoleConvert($input: ConvertConversationToTicketInput!) {\n      convertConversationToTicket(input: $input) {\n        ticket {\n          id\n          number\n        }\n      }\n    }\n  ": types.ChatConsoleConvertDocument,
    "\n    query ChatArchiveOptions {\n      ticketTopics {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": types.ChatArchiveOptionsDocument,
    "\n    subscription CockpitRows($productId: ID, $channel: Channel, $search: String) {\n      cockpit(productId: $productId, channel: $channel, search: $search) {\n        name\n        status\n        statusChangedAt\n        activeConversations\n        averageFirstResponseSeconds\n        averageResolutionSeconds\n        resolvedToday\n        reactivatedToday\n        transferredToday\n        user {\n          id\n        }\n      }\n    }\n  ": types.CockpitRowsDocument,
    "\n    mutation SetAgentPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n      }\n    }\n  ": types.SetAgentPresenceDocument,
    "\n    query SlaCompliance($filter: SlaReportFilter!, $interval: SlaReportInterval) {\n      slaComplianceReport(filter: $filter, interval: $interval) {\n        timeZone\n        rows {\n          bucket\n          policyName\n          metric\n          met\n          missed\n          successRate\n          targetRate\n        }\n        totals {\n          policyName\n          metric\n          met\n          missed\n          pending\n          successRate\n          targetRate\n          shortOfTarget\n          metAvgMinutes\n          missedAvgMinutes\n        }\n      }\n    }\n  ": types.SlaComplianceDocument,
    "\n    query SlaLogPage($filter: SlaReportFilter!, $after: String) {\n      slaLog(filter: $filter, first: 50, after: $after) {\n        edges {\n          node {\n            ticketNumber\n            ticket {\n              id\n            }\n            requester {\n              name\n            }\n            agent {\n              name\n            }\n            metric\n            startedAt\n            dueAt\n            completedAt\n            result\n            remainingSeconds\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": types.SlaLogPageDocument,
    "\n    query TicketVolume($filter: TicketVolumeFilter!, $interval: TicketVolumeInterval, $groupBy: [TicketVolumeDimension!]) {\n      ticketVolumeReport(filter: $filter, interval: $interval, groupBy: $groupBy) {\n        timeZone\n        buckets\n        rows {\n          bucket\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n        totals {\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n      }\n    }\n  ": types.TicketVolumeDocument,
    "\n    query CalendarSettings {\n      businessCalendars {\n        id\n        name\n        description\n        timeZone\n        twentyFourSeven\n        weeklyHours {\n          day\n          start\n          end\n        }\n        holidays {\n          name\n          start\n          end\n          yearly\n        }\n      }\n    }\n  ": types.CalendarSettingsDocument,
    "\n    mutation CreateBusinessCalendarFromSettings($input: CreateBusinessCalendarInput!) {\n      createBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  ": types.CreateBusinessCalendarFromSettingsDocument,
    "\n    mutation UpdateBusinessCalendarFromSettings($input: UpdateBusinessCalendarInput!) {\n      updateBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateBusinessCalendarFromSettingsDocument,
    "\n    mutation DeleteBusinessCalendarFromSettings($id: ID!) {\n      deleteBusinessCalendar(id: $id)\n    }\n  ": types.DeleteBusinessCalendarFromSettingsDocument,
    "\n    query TicketFieldsSettings {\n      ticketFields {\n        id\n        key\n        name\n        type\n        options\n        required\n        position\n      }\n    }\n  ": types.TicketFieldsSettingsDocument,
    "\n    mutation CreateTicketFieldFromSettings($input: CreateTicketFieldInput!) {\n      createTicketField(input: $input) {\n        id\n      }\n    }\n  ": types.CreateTicketFieldFromSettingsDocument,
    "\n    mutation UpdateTicketFieldFromSettings($input: UpdateTicketFieldInput!) {\n      updateTicketField(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTicketFieldFromSettingsDocument,
    "\n    mutation DeleteTicketFieldFromSettings($id: ID!) {\n      deleteTicketField(id: $id)\n    }\n  ": types.DeleteTicketFieldFromSettingsDocument,
    "\n    query OrganisationSettings($teamsAfter: String) {\n      teams(first: 25, after: $teamsAfter) {\n        edges {\n          node {\n            id\n            name\n            members {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n            allowedUsers {\n              id\n              name\n            }\n            allowedTeams {\n              id\n              name\n            }\n            channels {\n              id\n              channel\n              enabled\n              settings\n              secretsSet\n              receivePath\n            }\n          }\n        }\n      }\n      assigneeTeams: teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": types.OrganisationSettingsDocument,
    "\n    mutation CreateTeamFromSettings($input: CreateTeamInput!) {\n      createTeam(input: $input) {\n        id\n      }\n    }\n  ": types.CreateTeamFromSettingsDocument,
    "\n    mutation UpdateTeamFromSettings($input: UpdateTeamInput!) {\n      updateTeam(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTeamFromSettingsDocument,
    "\n    mutation DeleteTeamFromSettings($id: ID!) {\n      deleteTeam(id: $id)\n    }\n  ": types.DeleteTeamFromSettingsDocument,
    "\n    mutation CreateProductFromSettings($input: CreateProductInput!) {\n      createProduct(input: $input) {\n        id\n      }\n    }\n  ": types.CreateProductFromSettingsDocument,
    "\n    mutation UpdateProductFromSettings($input: UpdateProductInput!) {\n      updateProduct(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateProductFromSettingsDocument,
    "\n    mutation ConfigureChannelFromSettings($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n      }\n    }\n  ": types.ConfigureChannelFromSettingsDocument,
    "\n    query CannedResponsesSettings($first: Int!, $after: String, $search: String) {\n      cannedResponses(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            title\n            body\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": types.CannedResponsesSettingsDocument,
    "\n    query TemplatesSettings($first: Int!, $after: String, $search: String) {\n      ticketTemplates(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            priority\n            product {\n              id\n              name\n            }\n            topic {\n              id\n            }\n            assigneeKind\n            assigneeUser {\n              id\n              name\n            }\n            assigneeTeam {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": types.TemplatesSettingsDocument,
    "\n    mutation CreateCannedFromSettings($input: CreateCannedResponseInput!) {\n      createCannedResponse(input: $input) {\n        id\n      }\n    }\n  ": types.CreateCannedFromSettingsDocument,
    "\n    mutation UpdateCannedFromSettings($input: UpdateCannedResponseInput!) {\n      updateCannedResponse(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateCannedFromSettingsDocument,
    "\n    mutation DeleteCannedFromSettings($id: ID!) {\n      deleteCannedResponse(id: $id)\n    }\n  ": types.DeleteCannedFromSettingsDocument,
    "\n    mutation DeleteTemplateFromSettings($id: ID!) {\n      deleteTicketTemplate(id: $id)\n    }\n  ": types.DeleteTemplateFromSettingsDocument,
    "\n    query TicketRules {\n      rules {\n        id\n        name\n        enabled\n        position\n        triggers\n        conditions {\n          kind\n          config\n        }\n        actions {\n          kind\n          config\n        }\n      }\n      ruleKinds {\n        actions {\n          kind\n        }\n      }\n    }\n  ": types.TicketRulesDocument,
    "\n    mutation DeleteTicketRuleFromSettings($id: ID!) {\n      deleteRule(id: $id)\n    }\n  ": types.DeleteTicketRuleFromSettingsDocument,
    "\n    mutation ReorderTicketRulesFromSettings($ids: [ID!]!) {\n      reorderRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  ": types.ReorderTicketRulesFromSettingsDocument,
    "\n    mutation CreateTicketRuleFromSettings($input: CreateRuleInput!) {\n      createRule(input: $input) {\n        id\n      }\n    }\n  ": types.CreateTicketRuleFromSettingsDocument,
    "\n    mutation UpdateTicketRuleFromSettings($input: UpdateRuleInput!) {\n      updateRule(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTicketRuleFromSettingsDocument,
    "\n    query SlaSettings {\n      slaPolicies {\n        id\n        name\n        description\n        targetRate\n        warnAtPercent\n        pauseWhenPending\n        priorities\n        channels\n        calendar {\n          id\n          name\n        }\n        products {\n          id\n          name\n        }\n        targets {\n          metric\n          minutes\n        }\n      }\n      slaRules {\n        id\n        name\n        enabled\n        triggers\n        stopOtherRules\n        conditions\n        policy {\n          id\n          name\n        }\n      }\n      businessCalendars {\n        id\n        name\n      }\n    }\n  ": types.SlaSettingsDocument,
    "\n    mutation DeleteSlaPolicyFromSettings($id: ID!) {\n      deleteSlaPolicy(id: $id)\n    }\n  ": types.DeleteSlaPolicyFromSettingsDocument,
    "\n    mutation DeleteSlaRuleFromSettings($id: ID!) {\n      deleteSlaRule(id: $id)\n    }\n  ": types.DeleteSlaRuleFromSettingsDocument,
    "\n    mutation ReorderSlaRulesFromSettings($ids: [ID!]!) {\n      reorderSlaRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  ": types.ReorderSlaRulesFromSettingsDocument,
    "\n    mutation CreateSlaPolicyFromSettings($input: CreateSlaPolicyInput!) {\n      createSlaPolicy(input: $input) {\n        id\n      }\n    }\n  ": types.CreateSlaPolicyFromSettingsDocument,
    "\n    mutation UpdateSlaPolicyFromSettings($input: UpdateSlaPolicyInput!) {\n      updateSlaPolicy(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateSlaPolicyFromSettingsDocument,
    "\n    mutation CreateSlaRuleFromSettings($input: CreateSlaRuleInput!) {\n      createSlaRule(input: $input) {\n        id\n      }\n    }\n  ": types.CreateSlaRuleFromSettingsDocument,
    "\n    mutation UpdateSlaRuleFromSettings($input: UpdateSlaRuleInput!) {\n      updateSlaRule(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateSlaRuleFromSettingsDocument,
    "\n    query UsersSettings($first: Int!, $after: String, $search: String, $includeDeactivated: Boolean) {\n      users(first: $first, after: $after, search: $search, includeDeactivated: $includeDeactivated) {\n        edges {\n          node {\n            id\n            name\n            email\n            role\n            active\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  ": types.UsersSettingsDocument,
    "\n    query ApiTokensSettings {\n      apiTokens(first: 100, includeRevoked: true) {\n        edges {\n          node {\n            id\n            name\n            prefix\n            scopes\n            createdAt\n            lastUsedAt\n            expiresAt\n            revokedAt\n          }\n        }\n      }\n    }\n  ": types.ApiTokensSettingsDocument,
    "\n    mutation CreateUserFromSettings($input: CreateUserInput!) {\n      createUser(input: $input) {\n        id\n      }\n    }\n  ": types.CreateUserFromSettingsDocument,
    "\n    mutation UpdateUserRoleFromSettings($input: UpdateUserInput!) {\n      updateUser(input: $input) {\n        id\n        role\n      }\n    }\n  ": types.UpdateUserRoleFromSettingsDocument,
    "\n    mutation DeactivateUserFromSettings($id: ID!) {\n      deactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  ": types.DeactivateUserFromSettingsDocument,
    "\n    mutation ReactivateUserFromSettings($id: ID!) {\n      reactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  ": types.ReactivateUserFromSettingsDocument,
    "\n    mutation CreateApiTokenFromSettings($input: CreateApiTokenInput!) {\n      createApiToken(input: $input) {\n        secret\n        apiToken {\n          id\n          name\n        }\n      }\n    }\n  ": types.CreateApiTokenFromSettingsDocument,
    "\n    mutation RevokeApiTokenFromSettings($id: ID!) {\n      revokeApiToken(id: $id) {\n        id\n        revokedAt\n      }\n    }\n  ": types.RevokeApiTokenFromSettingsDocument,
    "\n    query VocabularySettings {\n      ticketStatuses {\n        id\n        name\n        category\n        position\n        isDefault\n      }\n      tags {\n        id\n        name\n        color\n      }\n      ticketTypes {\n        id\n        name\n      }\n      ticketTopics {\n        id\n        name\n        product {\n          id\n          name\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  ": types.VocabularySettingsDocument,
    "\n    mutation CreateTypeFromSettings($input: CreateTicketTypeInput!) {\n      createTicketType(input: $input) {\n        id\n      }\n    }\n  ": types.CreateTypeFromSettingsDocument,
    "\n    mutation UpdateTypeFromSettings($input: UpdateTicketTypeInput!) {\n      updateTicketType(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTypeFromSettingsDocument,
    "\n    mutation DeleteTypeFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketType(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": types.DeleteTypeFromSettingsDocument,
    "\n    mutation CreateTopicFromSettings($input: CreateTicketTopicInput!) {\n      createTicketTopic(input: $input) {\n        id\n      }\n    }\n  ": types.CreateTopicFromSettingsDocument,
    "\n    mutation UpdateTopicFromSettings($input: UpdateTicketTopicInput!) {\n      updateTicketTopic(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTopicFromSettingsDocument,
    "\n    mutation DeleteTopicFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketTopic(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": types.DeleteTopicFromSettingsDocument,
    "\n    mutation CreateStatusFromSettings($input: CreateTicketStatusInput!) {\n      createTicketStatus(input: $input) {\n        id\n      }\n    }\n  ": types.CreateStatusFromSettingsDocument,
    "\n    mutation UpdateStatusFromSettings($input: UpdateTicketStatusInput!) {\n      updateTicketStatus(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateStatusFromSettingsDocument,
    "\n    mutation DeleteStatusFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketStatus(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": types.DeleteStatusFromSettingsDocument,
    "\n    mutation CreateTagFromSettings($input: CreateTagInput!) {\n      createTag(input: $input) {\n        id\n      }\n    }\n  ": types.CreateTagFromSettingsDocument,
    "\n    mutation UpdateTagFromSettings($input: UpdateTagInput!) {\n      updateTag(input: $input) {\n        id\n      }\n    }\n  ": types.UpdateTagFromSettingsDocument,
    "\n    mutation DeleteTagFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTag(id: $id, replaceWithId: $replaceWithId)\n    }\n  ": types.DeleteTagFromSettingsDocument,
    "\n    mutation SignIn($email: String!, $password: String!) {\n      login(email: $email, password: $password) {\n        token\n        expiresAt\n      }\n    }\n  ": types.SignInDocument,
    "\n    query TicketList($first: Int, $after: String, $last: Int, $before: String, $filter: TicketFilter, $sort: TicketSort, $viewId: ID) {\n      tickets(first: $first, after: $after, last: $last, before: $before, filter: $filter, sort: $sort, viewId: $viewId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...TicketRowFields\n          }\n        }\n      }\n    }\n  ": types.TicketListDocument,
    "\n    query TicketListLookups {\n      ticketStatuses {\n        id\n        name\n      }\n      tags {\n        id\n        name\n      }\n      savedViews {\n        id\n        name\n      }\n    }\n  ": types.TicketListLookupsDocument,
    "\n    mutation BulkUpdateTickets($input: BulkUpdateTicketsInput!) {\n      bulkUpdateTickets(input: $input) {\n        ok\n        updatedCount\n        results {\n          ticketId\n          ok\n          error {\n            message\n          }\n        }\n      }\n    }\n  ": types.BulkUpdateTicketsDocument,
    "\n    mutation SaveTicketView($input: CreateSavedViewInput!) {\n      createSavedView(input: $input) {\n        id\n        name\n      }\n    }\n  ": types.SaveTicketViewDocument,
    "\n    subscription TicketListChanges($filter: TicketEventFilter) {\n      ticketEvents(filter: $filter) {\n        eventId\n        kind\n        matchesFilter\n        ticket {\n          id\n          ...TicketRowFields\n        }\n      }\n    }\n  ": types.TicketListChangesDocument,
    "\n    query TicketPage($id: ID!) {\n      ticket(id: $id) {\n        id\n        number\n        subject\n        mergedInto {\n          id\n        }\n        customer {\n          id\n        }\n        slaPolicy {\n          id\n          name\n        }\n        slaTargets {\n          id\n          ...SlaCountdownTarget\n        }\n        ...TicketDetailsOfTicket\n        ...TicketConversationMessages\n        ...TicketHistoryEntries\n        ...TicketTagsOfTicket\n        ...TicketAssignmentOfTicket\n        ...TicketAttachmentsOfTicket\n        ...TicketCustomFieldsOfTicket\n        ...TicketMergeOfTicket\n        ...TicketMergedNoticeOfTicket\n      }\n    }\n  ": types.TicketPageDocument,
    "\n    query TicketPageLookups {\n      ticketStatuses {\n        id\n        name\n        category\n      }\n      tags {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      slaPolicies {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  ": types.TicketPageLookupsDocument,
    "\n    subscription TicketPageChanges($id: ID!) {\n      ticketEvents(filter: { ticketIds: [$id] }) {\n        eventId\n        kind\n      }\n    }\n  ": types.TicketPageChangesDocument,
    "\n    subscription TicketSlaClock($id: ID!) {\n      slaClock(ticketId: $id, everySeconds: 30) {\n        at\n        targets {\n          id\n          ...SlaCountdownTarget\n        }\n      }\n    }\n  ": types.TicketSlaClockDocument,
    "\n    fragment VisitorChatConversation on VisitorConversation {\n      id\n      status\n      agent {\n        name\n        status\n      }\n      messages(last: 100) {\n        id\n        body\n        mine\n        authorKind\n        authorName\n        createdAt\n      }\n    }\n  ": types.VisitorChatConversationFragmentDoc,
    "\n    mutation VisitorStartSession($input: StartVisitorSessionInput!) {\n      startVisitorSession(input: $input) {\n        token\n      }\n    }\n  ": types.VisitorStartSessionDocument,
    "\n    mutation VisitorStartChat($input: VisitorStartConversationInput!) {\n      visitorStartConversation(input: $input) {\n        ...VisitorChatConversation\n      }\n    }\n  ": types.VisitorStartChatDocument,
    "\n    mutation VisitorSend($input: VisitorSendMessageInput!) {\n      visitorSendMessage(input: $input) {\n        id\n      }\n    }\n  ": types.VisitorSendDocument,
    "\n    mutation VisitorEnd($input: VisitorEndConversationInput!) {\n      visitorEndConversation(input: $input) {\n        id\n      }\n    }\n  ": types.VisitorEndDocument,
    "\n    subscription VisitorChatLive($id: ID!) {\n      visitorConversationEvents(conversationId: $id) {\n        kind\n        conversation {\n          ...VisitorChatConversation\n        }\n      }\n    }\n  ": types.VisitorChatLiveDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConfigureChannelSettingsForm($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n        settings\n        secretsSet\n        receivePath\n      }\n    }\n  "): (typeof documents)["\n    mutation ConfigureChannelSettingsForm($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n        settings\n        secretsSet\n        receivePath\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ChatCustomerDetails($id: ID!) {\n      conversation(id: $id) {\n        id\n        channel\n        createdAt\n        customer {\n          id\n          name\n          email\n          phone\n          whatsappNumber\n          facebookId\n          instagramId\n          group\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ChatCustomerDetails($id: ID!) {\n      conversation(id: $id) {\n        id\n        channel\n        createdAt\n        customer {\n          id\n          name\n          email\n          phone\n          whatsappNumber\n          facebookId\n          instagramId\n          group\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query NewTicketOptions {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      ticketStatuses {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      tags {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  "): (typeof documents)["\n    query NewTicketOptions {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      ticketStatuses {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      tags {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query NewTicketTemplates {\n      ticketTemplates(first: 100) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            customerName\n            customerEmail\n            priority\n            assigneeKind\n            product {\n              id\n            }\n            topic {\n              id\n            }\n            status {\n              id\n            }\n            assigneeUser {\n              id\n            }\n            assigneeTeam {\n              id\n            }\n            tags {\n              id\n            }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query NewTicketTemplates {\n      ticketTemplates(first: 100) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            customerName\n            customerEmail\n            priority\n            assigneeKind\n            product {\n              id\n            }\n            topic {\n              id\n            }\n            status {\n              id\n            }\n            assigneeUser {\n              id\n            }\n            assigneeTeam {\n              id\n            }\n            tags {\n              id\n            }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query NewTicketTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    query NewTicketTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTicketOnBehalf($input: CreateTicketInput!) {\n      createTicket(input: $input) {\n        id\n        number\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTicketOnBehalf($input: CreateTicketInput!) {\n      createTicket(input: $input) {\n        id\n        number\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTicketAndSaveTemplate($input: CreateTicketAndTemplateInput!) {\n      createTicketAndTemplate(input: $input) {\n        ticket {\n          id\n          number\n        }\n        template {\n          id\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTicketAndSaveTemplate($input: CreateTicketAndTemplateInput!) {\n      createTicketAndTemplate(input: $input) {\n        ticket {\n          id\n          number\n        }\n        template {\n          id\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketListCustomFields {\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  "): (typeof documents)["\n    query TicketListCustomFields {\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query CustomerContextPanel($customerId: ID!) {\n      customerContext(customerId: $customerId) {\n        cached\n        stale\n        staleReason\n        fields {\n          label\n          value\n        }\n      }\n    }\n  "): (typeof documents)["\n    query CustomerContextPanel($customerId: ID!) {\n      customerContext(customerId: $customerId) {\n        cached\n        stale\n        staleReason\n        fields {\n          label\n          value\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query LiveCounters($mine: TicketFilter!, $atRisk: TicketFilter!, $breached: TicketFilter!) {\n      mine: ticketCounts(filter: $mine) {\n        total\n      }\n      atRisk: ticketCounts(filter: $atRisk) {\n        total\n      }\n      breached: ticketCounts(filter: $breached) {\n        total\n      }\n    }\n  "): (typeof documents)["\n    query LiveCounters($mine: TicketFilter!, $atRisk: TicketFilter!, $breached: TicketFilter!) {\n      mine: ticketCounts(filter: $mine) {\n        total\n      }\n      atRisk: ticketCounts(filter: $atRisk) {\n        total\n      }\n      breached: ticketCounts(filter: $breached) {\n        total\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription QueueCounter($productId: ID) {\n      chatQueue(productId: $productId) {\n        waiting\n        onlineAgents\n      }\n    }\n  "): (typeof documents)["\n    subscription QueueCounter($productId: ID) {\n      chatQueue(productId: $productId) {\n        waiting\n        onlineAgents\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription CounterTicketEvents {\n      ticketEvents {\n        eventId\n      }\n    }\n  "): (typeof documents)["\n    subscription CounterTicketEvents {\n      ticketEvents {\n        eventId\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SetMyPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n        changedAt\n      }\n    }\n  "): (typeof documents)["\n    mutation SetMyPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n        changedAt\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription MyPresenceChanges {\n      workspaceEvents(types: [\"presence.changed\"]) {\n        id\n        payload\n      }\n    }\n  "): (typeof documents)["\n    subscription MyPresenceChanges {\n      workspaceEvents(types: [\"presence.changed\"]) {\n        id\n        payload\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SetProductAssigneesFromSettings($input: SetProductAssigneesInput!) {\n      setProductAssignees(input: $input) {\n        id\n        allowedUsers {\n          id\n          name\n        }\n        allowedTeams {\n          id\n          name\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation SetProductAssigneesFromSettings($input: SetProductAssigneesInput!) {\n      setProductAssignees(input: $input) {\n        id\n        allowedUsers {\n          id\n          name\n        }\n        allowedTeams {\n          id\n          name\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ReplyToTicket($input: ReplyToTicketInput!) {\n      replyToTicket(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation ReplyToTicket($input: ReplyToTicketInput!) {\n      replyToTicket(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation AddPrivateNote($input: AddPrivateNoteInput!) {\n      addPrivateNote(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation AddPrivateNote($input: AddPrivateNoteInput!) {\n      addPrivateNote(input: $input) {\n        message {\n          id\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query CannedResponseTitles {\n      cannedResponses(first: 100) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query CannedResponseTitles {\n      cannedResponses(first: 100) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query RenderCannedResponse($id: ID!, $ticketId: ID!) {\n      renderCannedResponse(id: $id, ticketId: $ticketId)\n    }\n  "): (typeof documents)["\n    query RenderCannedResponse($id: ID!, $ticketId: ID!) {\n      renderCannedResponse(id: $id, ticketId: $ticketId)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Shell {\n      viewer {\n        role\n        user {\n          id\n          name\n          presence {\n            id\n            status\n            changedAt\n          }\n        }\n        workspace {\n          id\n          name\n          timeZone\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query Shell {\n      viewer {\n        role\n        user {\n          id\n          name\n          presence {\n            id\n            status\n            changedAt\n          }\n        }\n        workspace {\n          id\n          name\n          timeZone\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment SlaCountdownTarget on SlaTarget {\n      id\n      metric\n      status\n      running\n      dueAt\n      warnAt\n      breachedAt\n      completedAt\n      remainingSeconds\n      targetMinutes\n    }\n  "): (typeof documents)["\n    fragment SlaCountdownTarget on SlaTarget {\n      id\n      metric\n      status\n      running\n      dueAt\n      warnAt\n      breachedAt\n      completedAt\n      remainingSeconds\n      targetMinutes\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketAssignmentOfTicket on Ticket {\n      id\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketAssignmentOfTicket on Ticket {\n      id\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation AssignTicket($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation AssignTicket($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketAttachmentsOfTicket on Ticket {\n      attachments {\n        id\n        fileName\n        size\n        url\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketAttachmentsOfTicket on Ticket {\n      attachments {\n        id\n        fileName\n        size\n        url\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketConversationMessages on Ticket {\n      customer {\n        id\n        name\n      }\n      messages(last: 100) {\n        edges {\n          node {\n            id\n            body\n            author\n            authorKind\n            visibility\n            createdAt\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketConversationMessages on Ticket {\n      customer {\n        id\n        name\n      }\n      messages(last: 100) {\n        edges {\n          node {\n            id\n            body\n            author\n            authorKind\n            visibility\n            createdAt\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketCustomFieldsOfTicket on Ticket {\n      id\n      customFields {\n        key\n        value\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketCustomFieldsOfTicket on Ticket {\n      id\n      customFields {\n        key\n        value\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SetTicketCustomField($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n        customFields {\n          key\n          value\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation SetTicketCustomField($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n        customFields {\n          key\n          value\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketDetailsOfTicket on Ticket {\n      id\n      priority\n      channel\n      createdAt\n      mergedInto {\n        id\n      }\n      status {\n        id\n        name\n        category\n      }\n      product {\n        id\n        name\n      }\n      customer {\n        id\n        name\n        email\n        phone\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketDetailsOfTicket on Ticket {\n      id\n      priority\n      channel\n      createdAt\n      mergedInto {\n        id\n      }\n      status {\n        id\n        name\n        category\n      }\n      product {\n        id\n        name\n      }\n      customer {\n        id\n        name\n        email\n        phone\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTicketFields($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTicketFields($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketHistoryEntries on Ticket {\n      history(last: 50) {\n        edges {\n          node {\n            id\n            field\n            fromValue\n            toValue\n            actor\n            createdAt\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketHistoryEntries on Ticket {\n      history(last: 50) {\n        edges {\n          node {\n            id\n            field\n            fromValue\n            toValue\n            actor\n            createdAt\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketMergeOfTicket on Ticket {\n      id\n      number\n      mergedInto {\n        id\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketMergeOfTicket on Ticket {\n      id\n      number\n      mergedInto {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query MergeTargetSearch($filter: TicketFilter!) {\n      tickets(first: 8, filter: $filter) {\n        edges {\n          node {\n            id\n            number\n            subject\n            status {\n              name\n            }\n            customer {\n              name\n            }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query MergeTargetSearch($filter: TicketFilter!) {\n      tickets(first: 8, filter: $filter) {\n        edges {\n          node {\n            id\n            number\n            subject\n            status {\n              name\n            }\n            customer {\n              name\n            }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation MergeTicketInto($input: MergeTicketsInput!) {\n      mergeTickets(input: $input) {\n        sourceTicket {\n          id\n        }\n        targetTicket {\n          id\n          number\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation MergeTicketInto($input: MergeTicketsInput!) {\n      mergeTickets(input: $input) {\n        sourceTicket {\n          id\n        }\n        targetTicket {\n          id\n          number\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketMergedNoticeOfTicket on Ticket {\n      mergedInto {\n        id\n        number\n        subject\n      }\n      mergedTickets {\n        id\n        number\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketMergedNoticeOfTicket on Ticket {\n      mergedInto {\n        id\n        number\n        subject\n      }\n      mergedTickets {\n        id\n        number\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketRowFields on Ticket {\n      id\n      number\n      subject\n      priority\n      channel\n      updatedAt\n      slaNextDueAt\n      status {\n        id\n        name\n        category\n      }\n      customer {\n        id\n        name\n      }\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketRowFields on Ticket {\n      id\n      number\n      subject\n      priority\n      channel\n      updatedAt\n      slaNextDueAt\n      status {\n        id\n        name\n        category\n      }\n      customer {\n        id\n        name\n      }\n      assigneeUser {\n        id\n        name\n      }\n      assigneeTeam {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment TicketTagsOfTicket on Ticket {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  "): (typeof documents)["\n    fragment TicketTagsOfTicket on Ticket {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ChangeTicketTags($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation ChangeTicketTags($input: UpdateTicketInput!) {\n      updateTicket(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TemplateEditorChoices {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query TemplateEditorChoices {\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TemplateEditorTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    query TemplateEditorTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTemplateFromSettings($input: UpdateTicketTemplateInput!) {\n      updateTicketTemplate(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTemplateFromSettings($input: UpdateTicketTemplateInput!) {\n      updateTicketTemplate(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ConditionUserSearch($search: String) {\n      users(first: 20, search: $search) {\n        edges {\n          node {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ConditionUserSearch($search: String) {\n      users(first: 20, search: $search) {\n        edges {\n          node {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ConditionUserName($id: ID!) {\n      node(id: $id) {\n        ... on User {\n          id\n          name\n          email\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ConditionUserName($id: ID!) {\n      node(id: $id) {\n        ... on User {\n          id\n          name\n          email\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConditionChoices {\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    teams(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    tags {\n      id\n      name\n    }\n    ticketStatuses {\n      id\n      name\n    }\n    folders {\n      id\n      name\n    }\n    ticketTypes {\n      id\n      name\n    }\n    ticketTopics {\n      id\n      name\n      product {\n        id\n        name\n      }\n    }\n    ticketFields {\n      key\n      name\n      type\n      options\n    }\n    businessCalendars {\n      id\n      name\n      timeZone\n      weeklyHours {\n        day\n        start\n        end\n      }\n      holidays {\n        name\n        start\n        end\n        yearly\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConditionChoices {\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    teams(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    tags {\n      id\n      name\n    }\n    ticketStatuses {\n      id\n      name\n    }\n    folders {\n      id\n      name\n    }\n    ticketTypes {\n      id\n      name\n    }\n    ticketTopics {\n      id\n      name\n      product {\n        id\n        name\n      }\n    }\n    ticketFields {\n      key\n      name\n      type\n      options\n    }\n    businessCalendars {\n      id\n      name\n      timeZone\n      weeklyHours {\n        day\n        start\n        end\n      }\n      holidays {\n        name\n        start\n        end\n        yearly\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ChatConsoleList($filter: ConversationFilter) {\n      conversations(first: 50, filter: $filter) {\n        edges {\n          node {\n            id\n            status\n            channel\n            lastMessageAt\n            customer {\n              id\n              name\n            }\n            assigneeUser {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ChatConsoleList($filter: ConversationFilter) {\n      conversations(first: 50, filter: $filter) {\n        edges {\n          node {\n            id\n            status\n            channel\n            lastMessageAt\n            customer {\n              id\n              name\n            }\n            assigneeUser {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ChatConsoleConversation($id: ID!) {\n      conversation(id: $id) {\n        id\n        status\n        channel\n        customer {\n          id\n          name\n          email\n        }\n        product {\n          id\n        }\n        topic {\n          id\n          name\n        }\n        reactivatableUntil\n        assigneeUser {\n          id\n          name\n        }\n        ticket {\n          id\n          number\n        }\n        messages(last: 100) {\n          edges {\n            node {\n              id\n              kind\n              body\n              author\n              authorKind\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ChatConsoleConversation($id: ID!) {\n      conversation(id: $id) {\n        id\n        status\n        channel\n        customer {\n          id\n          name\n          email\n        }\n        product {\n          id\n        }\n        topic {\n          id\n          name\n        }\n        reactivatableUntil\n        assigneeUser {\n          id\n          name\n        }\n        ticket {\n          id\n          number\n        }\n        messages(last: 100) {\n          edges {\n            node {\n              id\n              kind\n              body\n              author\n              authorKind\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ChatConsoleTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ChatConsoleTopics($productId: ID!) {\n      ticketTopics(productId: $productId) {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription ChatConsoleChanges($productId: ID) {\n      conversationEvents(productId: $productId) {\n        eventId\n        type\n        conversation {\n          id\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription ChatConsoleChanges($productId: ID) {\n      conversationEvents(productId: $productId) {\n        eventId\n        type\n        conversation {\n          id\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ChatConsoleSend($input: SendConversationMessageInput!) {\n      sendConversationMessage(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation ChatConsoleSend($input: SendConversationMessageInput!) {\n      sendConversationMessage(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ChatConsoleResolve($input: ResolveConversationInput!) {\n      resolveConversation(input: $input) {\n        id\n        status\n      }\n    }\n  "): (typeof documents)["\n    mutation ChatConsoleResolve($input: ResolveConversationInput!) {\n      resolveConversation(input: $input) {\n        id\n        status\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ChatConsoleTransfer($input: TransferConversationInput!) {\n      transferConversation(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation ChatConsoleTransfer($input: TransferConversationInput!) {\n      transferConversation(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ChatConsoleReactivate($input: ReactivateConversationInput!) {\n      reactivateConversation(input: $input) {\n        id\n        status\n      }\n    }\n  "): (typeof documents)["\n    mutation ChatConsoleReactivate($input: ReactivateConversationInput!) {\n      reactivateConversation(input: $input) {\n        id\n        status\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ChatConsoleConvert($input: ConvertConversationToTicketInput!) {\n      convertConversationToTicket(input: $input) {\n        ticket {\n          id\n          number\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation ChatConsoleConvert($input: ConvertConversationToTicketInput!) {\n      convertConversationToTicket(input: $input) {\n        ticket {\n          id\n          number\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ChatArchiveOptions {\n      ticketTopics {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ChatArchiveOptions {\n      ticketTopics {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription CockpitRows($productId: ID, $channel: Channel, $search: String) {\n      cockpit(productId: $productId, channel: $channel, search: $search) {\n        name\n        status\n        statusChangedAt\n        activeConversations\n        averageFirstResponseSeconds\n        averageResolutionSeconds\n        resolvedToday\n        reactivatedToday\n        transferredToday\n        user {\n          id\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription CockpitRows($productId: ID, $channel: Channel, $search: String) {\n      cockpit(productId: $productId, channel: $channel, search: $search) {\n        name\n        status\n        statusChangedAt\n        activeConversations\n        averageFirstResponseSeconds\n        averageResolutionSeconds\n        resolvedToday\n        reactivatedToday\n        transferredToday\n        user {\n          id\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SetAgentPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n      }\n    }\n  "): (typeof documents)["\n    mutation SetAgentPresence($input: SetPresenceInput!) {\n      setPresence(input: $input) {\n        id\n        status\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query SlaCompliance($filter: SlaReportFilter!, $interval: SlaReportInterval) {\n      slaComplianceReport(filter: $filter, interval: $interval) {\n        timeZone\n        rows {\n          bucket\n          policyName\n          metric\n          met\n          missed\n          successRate\n          targetRate\n        }\n        totals {\n          policyName\n          metric\n          met\n          missed\n          pending\n          successRate\n          targetRate\n          shortOfTarget\n          metAvgMinutes\n          missedAvgMinutes\n        }\n      }\n    }\n  "): (typeof documents)["\n    query SlaCompliance($filter: SlaReportFilter!, $interval: SlaReportInterval) {\n      slaComplianceReport(filter: $filter, interval: $interval) {\n        timeZone\n        rows {\n          bucket\n          policyName\n          metric\n          met\n          missed\n          successRate\n          targetRate\n        }\n        totals {\n          policyName\n          metric\n          met\n          missed\n          pending\n          successRate\n          targetRate\n          shortOfTarget\n          metAvgMinutes\n          missedAvgMinutes\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query SlaLogPage($filter: SlaReportFilter!, $after: String) {\n      slaLog(filter: $filter, first: 50, after: $after) {\n        edges {\n          node {\n            ticketNumber\n            ticket {\n              id\n            }\n            requester {\n              name\n            }\n            agent {\n              name\n            }\n            metric\n            startedAt\n            dueAt\n            completedAt\n            result\n            remainingSeconds\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "): (typeof documents)["\n    query SlaLogPage($filter: SlaReportFilter!, $after: String) {\n      slaLog(filter: $filter, first: 50, after: $after) {\n        edges {\n          node {\n            ticketNumber\n            ticket {\n              id\n            }\n            requester {\n              name\n            }\n            agent {\n              name\n            }\n            metric\n            startedAt\n            dueAt\n            completedAt\n            result\n            remainingSeconds\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketVolume($filter: TicketVolumeFilter!, $interval: TicketVolumeInterval, $groupBy: [TicketVolumeDimension!]) {\n      ticketVolumeReport(filter: $filter, interval: $interval, groupBy: $groupBy) {\n        timeZone\n        buckets\n        rows {\n          bucket\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n        totals {\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n      }\n    }\n  "): (typeof documents)["\n    query TicketVolume($filter: TicketVolumeFilter!, $interval: TicketVolumeInterval, $groupBy: [TicketVolumeDimension!]) {\n      ticketVolumeReport(filter: $filter, interval: $interval, groupBy: $groupBy) {\n        timeZone\n        buckets\n        rows {\n          bucket\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n        totals {\n          groups {\n            key\n            name\n          }\n          created\n          resolved\n          openAtEnd\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query CalendarSettings {\n      businessCalendars {\n        id\n        name\n        description\n        timeZone\n        twentyFourSeven\n        weeklyHours {\n          day\n          start\n          end\n        }\n        holidays {\n          name\n          start\n          end\n          yearly\n        }\n      }\n    }\n  "): (typeof documents)["\n    query CalendarSettings {\n      businessCalendars {\n        id\n        name\n        description\n        timeZone\n        twentyFourSeven\n        weeklyHours {\n          day\n          start\n          end\n        }\n        holidays {\n          name\n          start\n          end\n          yearly\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateBusinessCalendarFromSettings($input: CreateBusinessCalendarInput!) {\n      createBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateBusinessCalendarFromSettings($input: CreateBusinessCalendarInput!) {\n      createBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateBusinessCalendarFromSettings($input: UpdateBusinessCalendarInput!) {\n      updateBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateBusinessCalendarFromSettings($input: UpdateBusinessCalendarInput!) {\n      updateBusinessCalendar(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteBusinessCalendarFromSettings($id: ID!) {\n      deleteBusinessCalendar(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteBusinessCalendarFromSettings($id: ID!) {\n      deleteBusinessCalendar(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketFieldsSettings {\n      ticketFields {\n        id\n        key\n        name\n        type\n        options\n        required\n        position\n      }\n    }\n  "): (typeof documents)["\n    query TicketFieldsSettings {\n      ticketFields {\n        id\n        key\n        name\n        type\n        options\n        required\n        position\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTicketFieldFromSettings($input: CreateTicketFieldInput!) {\n      createTicketField(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTicketFieldFromSettings($input: CreateTicketFieldInput!) {\n      createTicketField(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTicketFieldFromSettings($input: UpdateTicketFieldInput!) {\n      updateTicketField(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTicketFieldFromSettings($input: UpdateTicketFieldInput!) {\n      updateTicketField(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTicketFieldFromSettings($id: ID!) {\n      deleteTicketField(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteTicketFieldFromSettings($id: ID!) {\n      deleteTicketField(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query OrganisationSettings($teamsAfter: String) {\n      teams(first: 25, after: $teamsAfter) {\n        edges {\n          node {\n            id\n            name\n            members {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n            allowedUsers {\n              id\n              name\n            }\n            allowedTeams {\n              id\n              name\n            }\n            channels {\n              id\n              channel\n              enabled\n              settings\n              secretsSet\n              receivePath\n            }\n          }\n        }\n      }\n      assigneeTeams: teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query OrganisationSettings($teamsAfter: String) {\n      teams(first: 25, after: $teamsAfter) {\n        edges {\n          node {\n            id\n            name\n            members {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n            allowedUsers {\n              id\n              name\n            }\n            allowedTeams {\n              id\n              name\n            }\n            channels {\n              id\n              channel\n              enabled\n              settings\n              secretsSet\n              receivePath\n            }\n          }\n        }\n      }\n      assigneeTeams: teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTeamFromSettings($input: CreateTeamInput!) {\n      createTeam(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTeamFromSettings($input: CreateTeamInput!) {\n      createTeam(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTeamFromSettings($input: UpdateTeamInput!) {\n      updateTeam(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTeamFromSettings($input: UpdateTeamInput!) {\n      updateTeam(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTeamFromSettings($id: ID!) {\n      deleteTeam(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteTeamFromSettings($id: ID!) {\n      deleteTeam(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateProductFromSettings($input: CreateProductInput!) {\n      createProduct(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateProductFromSettings($input: CreateProductInput!) {\n      createProduct(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateProductFromSettings($input: UpdateProductInput!) {\n      updateProduct(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateProductFromSettings($input: UpdateProductInput!) {\n      updateProduct(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConfigureChannelFromSettings($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n      }\n    }\n  "): (typeof documents)["\n    mutation ConfigureChannelFromSettings($input: ConfigureProductChannelInput!) {\n      configureProductChannel(input: $input) {\n        id\n        enabled\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query CannedResponsesSettings($first: Int!, $after: String, $search: String) {\n      cannedResponses(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            title\n            body\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "): (typeof documents)["\n    query CannedResponsesSettings($first: Int!, $after: String, $search: String) {\n      cannedResponses(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            title\n            body\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TemplatesSettings($first: Int!, $after: String, $search: String) {\n      ticketTemplates(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            priority\n            product {\n              id\n              name\n            }\n            topic {\n              id\n            }\n            assigneeKind\n            assigneeUser {\n              id\n              name\n            }\n            assigneeTeam {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "): (typeof documents)["\n    query TemplatesSettings($first: Int!, $after: String, $search: String) {\n      ticketTemplates(first: $first, after: $after, search: $search) {\n        edges {\n          node {\n            id\n            name\n            subject\n            description\n            priority\n            product {\n              id\n              name\n            }\n            topic {\n              id\n            }\n            assigneeKind\n            assigneeUser {\n              id\n              name\n            }\n            assigneeTeam {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateCannedFromSettings($input: CreateCannedResponseInput!) {\n      createCannedResponse(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateCannedFromSettings($input: CreateCannedResponseInput!) {\n      createCannedResponse(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateCannedFromSettings($input: UpdateCannedResponseInput!) {\n      updateCannedResponse(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateCannedFromSettings($input: UpdateCannedResponseInput!) {\n      updateCannedResponse(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteCannedFromSettings($id: ID!) {\n      deleteCannedResponse(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteCannedFromSettings($id: ID!) {\n      deleteCannedResponse(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTemplateFromSettings($id: ID!) {\n      deleteTicketTemplate(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteTemplateFromSettings($id: ID!) {\n      deleteTicketTemplate(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketRules {\n      rules {\n        id\n        name\n        enabled\n        position\n        triggers\n        conditions {\n          kind\n          config\n        }\n        actions {\n          kind\n          config\n        }\n      }\n      ruleKinds {\n        actions {\n          kind\n        }\n      }\n    }\n  "): (typeof documents)["\n    query TicketRules {\n      rules {\n        id\n        name\n        enabled\n        position\n        triggers\n        conditions {\n          kind\n          config\n        }\n        actions {\n          kind\n          config\n        }\n      }\n      ruleKinds {\n        actions {\n          kind\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTicketRuleFromSettings($id: ID!) {\n      deleteRule(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteTicketRuleFromSettings($id: ID!) {\n      deleteRule(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ReorderTicketRulesFromSettings($ids: [ID!]!) {\n      reorderRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  "): (typeof documents)["\n    mutation ReorderTicketRulesFromSettings($ids: [ID!]!) {\n      reorderRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTicketRuleFromSettings($input: CreateRuleInput!) {\n      createRule(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTicketRuleFromSettings($input: CreateRuleInput!) {\n      createRule(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTicketRuleFromSettings($input: UpdateRuleInput!) {\n      updateRule(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTicketRuleFromSettings($input: UpdateRuleInput!) {\n      updateRule(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query SlaSettings {\n      slaPolicies {\n        id\n        name\n        description\n        targetRate\n        warnAtPercent\n        pauseWhenPending\n        priorities\n        channels\n        calendar {\n          id\n          name\n        }\n        products {\n          id\n          name\n        }\n        targets {\n          metric\n          minutes\n        }\n      }\n      slaRules {\n        id\n        name\n        enabled\n        triggers\n        stopOtherRules\n        conditions\n        policy {\n          id\n          name\n        }\n      }\n      businessCalendars {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    query SlaSettings {\n      slaPolicies {\n        id\n        name\n        description\n        targetRate\n        warnAtPercent\n        pauseWhenPending\n        priorities\n        channels\n        calendar {\n          id\n          name\n        }\n        products {\n          id\n          name\n        }\n        targets {\n          metric\n          minutes\n        }\n      }\n      slaRules {\n        id\n        name\n        enabled\n        triggers\n        stopOtherRules\n        conditions\n        policy {\n          id\n          name\n        }\n      }\n      businessCalendars {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteSlaPolicyFromSettings($id: ID!) {\n      deleteSlaPolicy(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteSlaPolicyFromSettings($id: ID!) {\n      deleteSlaPolicy(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteSlaRuleFromSettings($id: ID!) {\n      deleteSlaRule(id: $id)\n    }\n  "): (typeof documents)["\n    mutation DeleteSlaRuleFromSettings($id: ID!) {\n      deleteSlaRule(id: $id)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ReorderSlaRulesFromSettings($ids: [ID!]!) {\n      reorderSlaRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  "): (typeof documents)["\n    mutation ReorderSlaRulesFromSettings($ids: [ID!]!) {\n      reorderSlaRules(ids: $ids) {\n        id\n        position\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateSlaPolicyFromSettings($input: CreateSlaPolicyInput!) {\n      createSlaPolicy(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateSlaPolicyFromSettings($input: CreateSlaPolicyInput!) {\n      createSlaPolicy(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateSlaPolicyFromSettings($input: UpdateSlaPolicyInput!) {\n      updateSlaPolicy(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateSlaPolicyFromSettings($input: UpdateSlaPolicyInput!) {\n      updateSlaPolicy(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateSlaRuleFromSettings($input: CreateSlaRuleInput!) {\n      createSlaRule(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateSlaRuleFromSettings($input: CreateSlaRuleInput!) {\n      createSlaRule(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateSlaRuleFromSettings($input: UpdateSlaRuleInput!) {\n      updateSlaRule(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateSlaRuleFromSettings($input: UpdateSlaRuleInput!) {\n      updateSlaRule(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query UsersSettings($first: Int!, $after: String, $search: String, $includeDeactivated: Boolean) {\n      users(first: $first, after: $after, search: $search, includeDeactivated: $includeDeactivated) {\n        edges {\n          node {\n            id\n            name\n            email\n            role\n            active\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "): (typeof documents)["\n    query UsersSettings($first: Int!, $after: String, $search: String, $includeDeactivated: Boolean) {\n      users(first: $first, after: $after, search: $search, includeDeactivated: $includeDeactivated) {\n        edges {\n          node {\n            id\n            name\n            email\n            role\n            active\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ApiTokensSettings {\n      apiTokens(first: 100, includeRevoked: true) {\n        edges {\n          node {\n            id\n            name\n            prefix\n            scopes\n            createdAt\n            lastUsedAt\n            expiresAt\n            revokedAt\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query ApiTokensSettings {\n      apiTokens(first: 100, includeRevoked: true) {\n        edges {\n          node {\n            id\n            name\n            prefix\n            scopes\n            createdAt\n            lastUsedAt\n            expiresAt\n            revokedAt\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateUserFromSettings($input: CreateUserInput!) {\n      createUser(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateUserFromSettings($input: CreateUserInput!) {\n      createUser(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateUserRoleFromSettings($input: UpdateUserInput!) {\n      updateUser(input: $input) {\n        id\n        role\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateUserRoleFromSettings($input: UpdateUserInput!) {\n      updateUser(input: $input) {\n        id\n        role\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeactivateUserFromSettings($id: ID!) {\n      deactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  "): (typeof documents)["\n    mutation DeactivateUserFromSettings($id: ID!) {\n      deactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ReactivateUserFromSettings($id: ID!) {\n      reactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  "): (typeof documents)["\n    mutation ReactivateUserFromSettings($id: ID!) {\n      reactivateUser(id: $id) {\n        id\n        active\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateApiTokenFromSettings($input: CreateApiTokenInput!) {\n      createApiToken(input: $input) {\n        secret\n        apiToken {\n          id\n          name\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateApiTokenFromSettings($input: CreateApiTokenInput!) {\n      createApiToken(input: $input) {\n        secret\n        apiToken {\n          id\n          name\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation RevokeApiTokenFromSettings($id: ID!) {\n      revokeApiToken(id: $id) {\n        id\n        revokedAt\n      }\n    }\n  "): (typeof documents)["\n    mutation RevokeApiTokenFromSettings($id: ID!) {\n      revokeApiToken(id: $id) {\n        id\n        revokedAt\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query VocabularySettings {\n      ticketStatuses {\n        id\n        name\n        category\n        position\n        isDefault\n      }\n      tags {\n        id\n        name\n        color\n      }\n      ticketTypes {\n        id\n        name\n      }\n      ticketTopics {\n        id\n        name\n        product {\n          id\n          name\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query VocabularySettings {\n      ticketStatuses {\n        id\n        name\n        category\n        position\n        isDefault\n      }\n      tags {\n        id\n        name\n        color\n      }\n      ticketTypes {\n        id\n        name\n      }\n      ticketTopics {\n        id\n        name\n        product {\n          id\n          name\n        }\n      }\n      products(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTypeFromSettings($input: CreateTicketTypeInput!) {\n      createTicketType(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTypeFromSettings($input: CreateTicketTypeInput!) {\n      createTicketType(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTypeFromSettings($input: UpdateTicketTypeInput!) {\n      updateTicketType(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTypeFromSettings($input: UpdateTicketTypeInput!) {\n      updateTicketType(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTypeFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketType(id: $id, replaceWithId: $replaceWithId)\n    }\n  "): (typeof documents)["\n    mutation DeleteTypeFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketType(id: $id, replaceWithId: $replaceWithId)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTopicFromSettings($input: CreateTicketTopicInput!) {\n      createTicketTopic(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTopicFromSettings($input: CreateTicketTopicInput!) {\n      createTicketTopic(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTopicFromSettings($input: UpdateTicketTopicInput!) {\n      updateTicketTopic(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTopicFromSettings($input: UpdateTicketTopicInput!) {\n      updateTicketTopic(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTopicFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketTopic(id: $id, replaceWithId: $replaceWithId)\n    }\n  "): (typeof documents)["\n    mutation DeleteTopicFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketTopic(id: $id, replaceWithId: $replaceWithId)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateStatusFromSettings($input: CreateTicketStatusInput!) {\n      createTicketStatus(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateStatusFromSettings($input: CreateTicketStatusInput!) {\n      createTicketStatus(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateStatusFromSettings($input: UpdateTicketStatusInput!) {\n      updateTicketStatus(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateStatusFromSettings($input: UpdateTicketStatusInput!) {\n      updateTicketStatus(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteStatusFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketStatus(id: $id, replaceWithId: $replaceWithId)\n    }\n  "): (typeof documents)["\n    mutation DeleteStatusFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTicketStatus(id: $id, replaceWithId: $replaceWithId)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CreateTagFromSettings($input: CreateTagInput!) {\n      createTag(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation CreateTagFromSettings($input: CreateTagInput!) {\n      createTag(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UpdateTagFromSettings($input: UpdateTagInput!) {\n      updateTag(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation UpdateTagFromSettings($input: UpdateTagInput!) {\n      updateTag(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteTagFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTag(id: $id, replaceWithId: $replaceWithId)\n    }\n  "): (typeof documents)["\n    mutation DeleteTagFromSettings($id: ID!, $replaceWithId: ID) {\n      deleteTag(id: $id, replaceWithId: $replaceWithId)\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SignIn($email: String!, $password: String!) {\n      login(email: $email, password: $password) {\n        token\n        expiresAt\n      }\n    }\n  "): (typeof documents)["\n    mutation SignIn($email: String!, $password: String!) {\n      login(email: $email, password: $password) {\n        token\n        expiresAt\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketList($first: Int, $after: String, $last: Int, $before: String, $filter: TicketFilter, $sort: TicketSort, $viewId: ID) {\n      tickets(first: $first, after: $after, last: $last, before: $before, filter: $filter, sort: $sort, viewId: $viewId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...TicketRowFields\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query TicketList($first: Int, $after: String, $last: Int, $before: String, $filter: TicketFilter, $sort: TicketSort, $viewId: ID) {\n      tickets(first: $first, after: $after, last: $last, before: $before, filter: $filter, sort: $sort, viewId: $viewId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...TicketRowFields\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketListLookups {\n      ticketStatuses {\n        id\n        name\n      }\n      tags {\n        id\n        name\n      }\n      savedViews {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    query TicketListLookups {\n      ticketStatuses {\n        id\n        name\n      }\n      tags {\n        id\n        name\n      }\n      savedViews {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation BulkUpdateTickets($input: BulkUpdateTicketsInput!) {\n      bulkUpdateTickets(input: $input) {\n        ok\n        updatedCount\n        results {\n          ticketId\n          ok\n          error {\n            message\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    mutation BulkUpdateTickets($input: BulkUpdateTicketsInput!) {\n      bulkUpdateTickets(input: $input) {\n        ok\n        updatedCount\n        results {\n          ticketId\n          ok\n          error {\n            message\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SaveTicketView($input: CreateSavedViewInput!) {\n      createSavedView(input: $input) {\n        id\n        name\n      }\n    }\n  "): (typeof documents)["\n    mutation SaveTicketView($input: CreateSavedViewInput!) {\n      createSavedView(input: $input) {\n        id\n        name\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription TicketListChanges($filter: TicketEventFilter) {\n      ticketEvents(filter: $filter) {\n        eventId\n        kind\n        matchesFilter\n        ticket {\n          id\n          ...TicketRowFields\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription TicketListChanges($filter: TicketEventFilter) {\n      ticketEvents(filter: $filter) {\n        eventId\n        kind\n        matchesFilter\n        ticket {\n          id\n          ...TicketRowFields\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketPage($id: ID!) {\n      ticket(id: $id) {\n        id\n        number\n        subject\n        mergedInto {\n          id\n        }\n        customer {\n          id\n        }\n        slaPolicy {\n          id\n          name\n        }\n        slaTargets {\n          id\n          ...SlaCountdownTarget\n        }\n        ...TicketDetailsOfTicket\n        ...TicketConversationMessages\n        ...TicketHistoryEntries\n        ...TicketTagsOfTicket\n        ...TicketAssignmentOfTicket\n        ...TicketAttachmentsOfTicket\n        ...TicketCustomFieldsOfTicket\n        ...TicketMergeOfTicket\n        ...TicketMergedNoticeOfTicket\n      }\n    }\n  "): (typeof documents)["\n    query TicketPage($id: ID!) {\n      ticket(id: $id) {\n        id\n        number\n        subject\n        mergedInto {\n          id\n        }\n        customer {\n          id\n        }\n        slaPolicy {\n          id\n          name\n        }\n        slaTargets {\n          id\n          ...SlaCountdownTarget\n        }\n        ...TicketDetailsOfTicket\n        ...TicketConversationMessages\n        ...TicketHistoryEntries\n        ...TicketTagsOfTicket\n        ...TicketAssignmentOfTicket\n        ...TicketAttachmentsOfTicket\n        ...TicketCustomFieldsOfTicket\n        ...TicketMergeOfTicket\n        ...TicketMergedNoticeOfTicket\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query TicketPageLookups {\n      ticketStatuses {\n        id\n        name\n        category\n      }\n      tags {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      slaPolicies {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  "): (typeof documents)["\n    query TicketPageLookups {\n      ticketStatuses {\n        id\n        name\n        category\n      }\n      tags {\n        id\n        name\n      }\n      users(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      teams(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n      slaPolicies {\n        id\n        name\n      }\n      ticketFields {\n        key\n        name\n        type\n        options\n        required\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription TicketPageChanges($id: ID!) {\n      ticketEvents(filter: { ticketIds: [$id] }) {\n        eventId\n        kind\n      }\n    }\n  "): (typeof documents)["\n    subscription TicketPageChanges($id: ID!) {\n      ticketEvents(filter: { ticketIds: [$id] }) {\n        eventId\n        kind\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription TicketSlaClock($id: ID!) {\n      slaClock(ticketId: $id, everySeconds: 30) {\n        at\n        targets {\n          id\n          ...SlaCountdownTarget\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription TicketSlaClock($id: ID!) {\n      slaClock(ticketId: $id, everySeconds: 30) {\n        at\n        targets {\n          id\n          ...SlaCountdownTarget\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment VisitorChatConversation on VisitorConversation {\n      id\n      status\n      agent {\n        name\n        status\n      }\n      messages(last: 100) {\n        id\n        body\n        mine\n        authorKind\n        authorName\n        createdAt\n      }\n    }\n  "): (typeof documents)["\n    fragment VisitorChatConversation on VisitorConversation {\n      id\n      status\n      agent {\n        name\n        status\n      }\n      messages(last: 100) {\n        id\n        body\n        mine\n        authorKind\n        authorName\n        createdAt\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation VisitorStartSession($input: StartVisitorSessionInput!) {\n      startVisitorSession(input: $input) {\n        token\n      }\n    }\n  "): (typeof documents)["\n    mutation VisitorStartSession($input: StartVisitorSessionInput!) {\n      startVisitorSession(input: $input) {\n        token\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation VisitorStartChat($input: VisitorStartConversationInput!) {\n      visitorStartConversation(input: $input) {\n        ...VisitorChatConversation\n      }\n    }\n  "): (typeof documents)["\n    mutation VisitorStartChat($input: VisitorStartConversationInput!) {\n      visitorStartConversation(input: $input) {\n        ...VisitorChatConversation\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation VisitorSend($input: VisitorSendMessageInput!) {\n      visitorSendMessage(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation VisitorSend($input: VisitorSendMessageInput!) {\n      visitorSendMessage(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation VisitorEnd($input: VisitorEndConversationInput!) {\n      visitorEndConversation(input: $input) {\n        id\n      }\n    }\n  "): (typeof documents)["\n    mutation VisitorEnd($input: VisitorEndConversationInput!) {\n      visitorEndConversation(input: $input) {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription VisitorChatLive($id: ID!) {\n      visitorConversationEvents(conversationId: $id) {\n        kind\n        conversation {\n          ...VisitorChatConversation\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription VisitorChatLive($id: ID!) {\n      visitorConversationEvents(conversationId: $id) {\n        kind\n        conversation {\n          ...VisitorChatConversation\n        }\n      }\n    }\n  "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;