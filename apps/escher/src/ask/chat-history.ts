import { randomUUID } from 'node:crypto';
import { IntentSchema, type Intent } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';

/** One earlier turn, as kept: the request (scrubbed), the answer's digest, its intent and targets. */
export interface ChatTurn {
  request: string;
  digest: string;
  intent?: Intent;
  targetIds: string[];
}

/** How many earlier turns go to the server with a request (digests only). */
const CONVERSATION_TURNS = 6;

/**
 * The chat history collection (SPEC section 2) in the encrypted store: sessions, and per turn
 * the scrubbed request plus the answer's digest — never the full answer — with the intent and
 * the resolved target ids kept locally for follow-ups. Times come from the caller's clock.
 */
export class ChatHistory {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {}

  /** The session to continue: the newest one, or a new one when asked (`--new`) or none exists. */
  session(options: { fresh?: boolean; id?: string } = {}): string {
    if (options.id) {
      this.touch(options.id);
      return options.id;
    }
    if (!options.fresh) {
      const row = this.db
        .prepare('SELECT id FROM chat_sessions ORDER BY updated_at DESC, created_at DESC LIMIT 1')
        .get() as { id: string } | undefined;
      if (row) return row.id;
    }
    const id = `chat-${randomUUID()}`;
    this.touch(id);
    return id;
  }

  private touch(id: string): void {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO chat_sessions (id, created_at, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at`,
      )
      .run(id, at, at);
  }

  /** The session's turns, oldest first (the last ones). */
  turns(sessionId: string, limit = CONVERSATION_TURNS): ChatTurn[] {
    const rows = this.db
      .prepare(
        `SELECT role, text, intent, target_ids FROM chat_messages WHERE conversation_id = ?
         ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(sessionId, limit * 2) as {
      role: 'user' | 'assistant';
      text: string;
      intent: string | null;
      target_ids: string | null;
    }[];
    const turns: ChatTurn[] = [];
    rows.reverse();
    for (let i = 0; i + 1 < rows.length; i += 1) {
      const user = rows[i]!;
      const answer = rows[i + 1]!;
      if (user.role !== 'user' || answer.role !== 'assistant') continue;
      const parsed = answer.intent ? IntentSchema.safeParse(JSON.parse(answer.intent)) : undefined;
      turns.push({
        request: user.text,
        digest: answer.text,
        ...(parsed?.success ? { intent: parsed.data } : {}),
        targetIds: answer.target_ids ? (JSON.parse(answer.target_ids) as string[]) : [],
      });
      i += 1;
    }
    return turns.slice(-limit);
  }

  /** Records one turn: the scrubbed request, then the digest with its intent and target ids. */
  record(sessionId: string, turn: ChatTurn): void {
    const at = this.now();
    const insert = this.db.prepare(
      `INSERT INTO chat_messages (conversation_id, at, role, text, intent, target_ids) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      insert.run(sessionId, at, 'user', turn.request, null, null);
      insert.run(
        sessionId,
        at,
        'assistant',
        turn.digest,
        turn.intent ? JSON.stringify(turn.intent) : null,
        JSON.stringify(turn.targetIds),
      );
      this.touch(sessionId);
    })();
  }
}
