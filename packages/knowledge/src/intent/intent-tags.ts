import { STOPWORDS } from '../query/corrector.ts';
import { lookupPhrase } from '../ontology/lexicon.ts';
import type { IntentDraft } from './intent-draft.ts';
import { unquote, type RequestText } from './request-text.ts';

/* Tag phrasing of a request: filters ("tagged team payments") and, for tag/untag, what to set or remove. */

const KEY = String.raw`['"]?([A-Za-z_][\w.\-/]*)['"]?`;
const VALUE = String.raw`['"]?([\w.\-/@]+)['"]?`;

const TAGGED_KEY = new RegExp(
  String.raw`\b(?:tagged|labell?ed)(?: with)?(?: (?:the |a |an )?(?:tag|label|key))? ${KEY}`,
  'i',
);
const WITH_TAG = new RegExp(
  String.raw`\b(without|with|having|has|have|missing|lacking)(?: (?:the|a|an|any))? (?:tag|label)s? ${KEY}(?:\s*[:=]\s*${VALUE})?`,
  'i',
);
const TAGGED_PAIR = new RegExp(
  String.raw`\b(?:tagged|labell?ed)(?: with)?(?: (?:the |a )?(?:tag|label))? ${KEY}(?:\s*[:=]\s*| )${VALUE}`,
  'i',
);
const TAGGED_EQ = new RegExp(
  String.raw`\b(?:tagged|labell?ed)(?: with)?(?: (?:the |a )?(?:tag|label))? ${KEY}\s*[:=]\s*${VALUE}`,
  'i',
);
const TAG_PAIR = new RegExp(String.raw`${KEY}\s*[:=]\s*${VALUE}`, 'i');

/** A tag value word that is really the next part of the sentence ("tagged owner in prod"). */
function isSentenceWord(word: string): boolean {
  const w = word.toLowerCase();
  return (
    STOPWORDS.has(w) ||
    ['and', 'but', 'which', 'that', 'where'].includes(w) ||
    lookupPhrase(w).some((s) => s.concept.kind !== 'environment' && s.strength === 'strong')
  );
}

/**
 * Tag phrasing: "tagged team payments", "tagged team=payments", "with the tag 'env'", "with tag
 * owner=alice", "where team is payments", "owned by alice", "for the payments team"; for the
 * `tag` action, "as upgraderequired:yes" / "with owner=alice" are the tags to set, and for
 * `untag`, "remove the tag temp" / "untag owner" the keys to remove.
 */
export function extractTags(text: RequestText, draft: IntentDraft): void {
  const setting = draft.action === 'tag';
  text.take(TAGGED_PAIR, (m) => {
    if (isSentenceWord(m[2]!)) return false;
    draft.tags[m[1]!] = unquote(m[2]!);
    return true;
  });
  text.take(TAGGED_EQ, (m) => {
    draft.tags[m[1]!] = unquote(m[2]!);
    return true;
  });
  text.take(TAGGED_KEY, (m) => {
    if (isSentenceWord(m[1]!)) return false;
    draft.conditions.push({ kind: 'tag', key: m[1]!, negated: false });
    return true;
  });
  if (setting) {
    text.take(TAG_PAIR, (m) => {
      const before = text.rest.slice(Math.max(0, m.index - 12), m.index);
      if (/\b(?:where|having|with tag|tagged)\s*$/i.test(before)) return false;
      draft.params.tags = { ...draft.params.tags, [m[1]!]: unquote(m[2]!) };
      return true;
    });
  }
  text.take(WITH_TAG, (m) => {
    const negated = /^(without|missing|lacking)$/i.test(m[1]!);
    if (draft.action === 'untag' && !negated) {
      draft.params.tagKeys = [...(draft.params.tagKeys ?? []), m[2]!];
      return true;
    }
    if (m[3] && !negated) draft.tags[m[2]!] = unquote(m[3]);
    else draft.conditions.push({ kind: 'tag', key: m[2]!, negated });
    return true;
  });
  text.take(
    /\bwhere (?:the )?(?:tag |label )?([A-Za-z_][\w.\-/]*) (?:tag )?(?:is|equals|=) ['"]?([\w.\-/@]+)['"]?/i,
    (m) => {
      draft.tags[m[1]!] = m[2]!;
      return true;
    },
  );
  text.take(/\bowned by (?:the )?['"]?([\w.\-@]+)['"]?(?: team\b)?/i, (m) => {
    if (/\bteam\b/i.test(m[0])) draft.tags['team'] = m[1]!;
    else draft.tags['owner'] = m[1]!;
    return true;
  });
  text.take(
    /\b(?:for|of|belonging to) the ([\w-]+) team\b|\b(?:for|of|belonging to) team ([\w-]+)\b/i,
    (m) => {
      draft.tags['team'] = (m[1] ?? m[2])!;
      return true;
    },
  );
  if (draft.action === 'untag') {
    text.take(
      /^\s*(?:the )?(?:tags? |labels? )?['"]?([A-Za-z_][\w.\-/]*)['"]?(?: (?:tag|label)s?)?(?= from\b| off\b)/i,
      (m) => {
        draft.params.tagKeys = [...(draft.params.tagKeys ?? []), m[1]!];
        return true;
      },
    );
  }
}
