import type { Sandbox } from '@aiwire/sandbox';
import type { DemoOutcome } from './run-demo.js';
import type { FraudAssessment } from '../fraud/fraud-rules.js';
import type { TitledRecommendation } from '../recommendations/recommendation.service.js';

type Row = Record<string, unknown>;

/** A plain-text account of the demo day: what each workflow concluded and what it changed outside. */
export function formatReport(outcome: DemoOutcome, sandbox: Sandbox): string {
  const { insights } = outcome;
  const out: string[] = [`aiwire demo — an offline morning at the shop (${(outcome.elapsedMs / 1000).toFixed(1)} s)`, ''];
  const section = (title: string, lines: string[]) => out.push(title, ...lines.map((l) => `  ${l}`), '');

  section('Recommendations (storefront product.viewed → Shopify history + AI categories)', Object.entries(insights.recommendations).map(([customer, r]) => {
    const { items, viewedProductId } = r as { items: TitledRecommendation[]; viewedProductId: number };
    return `customer ${customer} viewed ${viewedProductId}: ${items.map((i) => `${i.title} (${i.reasons[0]})`).join(', ') || 'nothing to suggest'}`;
  }));
  section('Reviews (helpdesk review.created → sentiment, topics, quality)', Object.values(insights.reviews).map((r) => {
    const v = r as { rating: number; sentiment: { label: string; score: number; language: string }; topics: string[]; quality: { score: number; flags: string[] } };
    return `${v.rating}★ ${v.sentiment.label} ${v.sentiment.score.toFixed(2)} [${v.sentiment.language}] topics: ${v.topics.join(', ') || '—'}; quality ${v.quality.score}${v.quality.flags.length ? ` (${v.quality.flags.join(', ')})` : ''}`;
  }));
  section('Fraud (Shopify orders/create → rules over history + AI-read note)', Object.values(insights.fraud).map((f) => {
    const v = f as FraudAssessment & { order: string; total: number };
    return `${v.order} $${v.total.toFixed(2)}: ${v.level} ${v.score}/100${v.reasons.length ? ` — ${v.reasons.join('; ')}` : ''}`;
  }));
  section('Payments (Stripe payment_intent.succeeded → CRM contact, #general)', Object.entries(insights.payments).map(([id, p]) => `${id}: ${(p as Row).amount} from ${(p as Row).email}, CRM updated: ${(p as Row).crmUpdated}`));
  section('Support (helpdesk ticket.created → category, mood, summary → CRM ticket)', Object.values(insights.tickets).map((t) => {
    const v = t as { category: { label: string }; priority: string; summary: string };
    return `${v.priority} ${v.category.label}: ${v.summary}`;
  }));

  const slack = ['#alerts', '#reviews', '#general', '#support'].map((c) => `${c}: ${sandbox.state.slack.messagesIn(c).length} message(s)`);
  const hub = sandbox.state.hubspot;
  section('What changed outside (read back from the sandbox)', [
    `Slack — ${slack.join(', ')}`,
    `HubSpot — ${hub.notes.size} note(s), ${hub.tickets.size} ticket(s); contacts with a last payment: ${[...hub.contacts.values()].filter((c) => c.properties.last_payment_amount).length}`,
  ]);
  section('Seen on diagnostics_channel', [
    `webhooks in: ${list(outcome.activity.intake)}`,
    `handler executions: ${list(outcome.activity.executions)}`,
    `AI calls: ${list(outcome.activity.ai)}`,
    `connector calls: ${list(outcome.activity.http)}`,
  ]);
  out.push(outcome.deadLetters === 0 ? 'No dead letters: every handler completed.' : `${outcome.deadLetters} dead letter(s): see WebhookAdminService.deadLetters().`);
  return out.join('\n');
}

function list(map: Map<string, number>): string {
  return [...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
}
