import { Injectable } from '@nestjs/common';
import { AiService, type SentimentResult } from '@aiwire/ai';
import { AiProvenance } from './ai-provenance.js';
import { ReviewTopics } from './review-topics.dto.js';

export interface ReviewSentiment extends SentimentResult {
  /** Who answered: `local`, `openai:<model>`, … */
  readonly model: string;
}

export interface ReviewTopicList {
  readonly topics: string[];
  readonly model: string;
}

const MAX_TOPICS = 8;
const MAX_TOPIC_CHARS = 40;

/** The AI's reading of a review: its sentiment (in the review's language) and what it talks about. */
@Injectable()
export class ReviewAnalyser {
  constructor(
    private readonly ai: AiService,
    private readonly provenance: AiProvenance,
  ) {}

  async sentiment(text: string): Promise<ReviewSentiment> {
    const { value, servedBy } = await this.provenance.answeredBy(() => this.ai.sentiment(text));
    return { ...value, model: servedBy.join('+') || 'unknown' };
  }

  /** Lower-cased, de-duplicated, at most `MAX_TOPICS`: the summary counts topics across reviews. */
  async topics(text: string): Promise<ReviewTopicList> {
    const { value, servedBy } = await this.provenance.answeredBy(() => this.ai.extract(text, ReviewTopics));
    const topics = [...new Set((value.topics ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t !== '' && t.length <= MAX_TOPIC_CHARS))];
    return { topics: topics.slice(0, MAX_TOPICS), model: servedBy.join('+') || 'unknown' };
  }
}
