import { Module } from '@nestjs/common';
import { CustomerHistoryReader } from './customer-history.reader.js';
import { SupportTicketFlow } from './support-ticket.flow.js';
import { TicketAnalyst } from './ticket-analyst.js';

/** Flow 5: support ticket → CRM history → AI with that history → CRM → escalate (`support-ticket.flow.ts`). */
@Module({ providers: [SupportTicketFlow, CustomerHistoryReader, TicketAnalyst] })
export class SupportModule {}
